package dev.placenotify.notifier;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retry loop both chat channels share, built so a message reaches a channel at most once:
 * <ul>
 *   <li>it retries only after an answer that proves nothing was posted (the channel's judge says
 *       {@link Answer#RETRY}: 429 with its retry-after, 503) or a connection that was never made;</li>
 *   <li>a timeout, a broken connection or another 5xx after the request left is {@link PostResult.Uncertain}:
 *       the channel may have posted it, so it is never sent again;</li>
 *   <li>an attempt starts only when its whole timeout (connect, request and body) fits before the
 *       invocation's deadline minus the reserve for recording, and within the channel's budget.</li>
 * </ul>
 */
final class ChannelHttp {
    private static final Logger LOG = LoggerFactory.getLogger(ChannelHttp.class);

    /** What an answer means for the message. */
    enum Answer { OK, RETRY, FINAL, UNCERTAIN }

    /** A channel's reading of one HTTP answer. */
    record Verdict(Answer answer, Optional<Duration> retryAfter, String description) {}

    private final HttpClient http;
    private final Duration timeout;
    private final int attempts;
    private final Duration maxRetryAfter;
    private final Duration budget;
    private final Duration reserve;

    ChannelHttp(HttpClient http, Duration timeout, int attempts, Duration maxRetryAfter, Duration budget, Duration reserve) {
        this.http = http;
        this.timeout = timeout;
        this.attempts = Math.max(1, attempts);
        this.maxRetryAfter = maxRetryAfter;
        this.budget = budget;
        this.reserve = reserve;
    }

    /** Whether a first attempt could start now. */
    boolean canStart(InvocationDeadline deadline) {
        return deadline.remainingBefore(reserve).compareTo(timeout) >= 0 && budget.compareTo(timeout) >= 0;
    }

    PostResult post(String channel, URI uri, String json, Function<HttpResponse<String>, Verdict> judge, InvocationDeadline deadline) {
        long budgetEnds = System.nanoTime() + budget.toNanos();
        String lastReason = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            Duration left = left(budgetEnds, deadline);
            if (left.compareTo(timeout) < 0) {
                String why = "no time for a " + seconds(timeout) + " attempt (" + seconds(left) + " left before the reserve)";
                return attempt == 1 ? new PostResult.NotStarted(channel + ": " + why) : new PostResult.Failed(lastReason + "; " + why);
            }
            Duration wait = Duration.ofMillis(250L * attempt);
            CompletableFuture<HttpResponse<String>> call = http.sendAsync(HttpRequest.newBuilder(uri).timeout(timeout)
                            .header("Content-Type", "application/json; charset=utf-8")
                            .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            try {
                // The whole exchange, body included, within the attempt's timeout.
                HttpResponse<String> response = call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                Verdict v = judge.apply(response);
                String reason = channel + " HTTP " + response.statusCode() + ": " + v.description();
                switch (v.answer()) {
                    case OK -> {
                        if (attempt > 1) {
                            LOG.info("{} post succeeded on attempt {}", channel, attempt);
                        }
                        return new PostResult.Posted(attempt);
                    }
                    case FINAL -> {
                        LOG.warn("{} post refused (attempt {}/{}): {}", channel, attempt, attempts, reason);
                        return new PostResult.Failed(reason);
                    }
                    case UNCERTAIN -> {
                        LOG.warn("{} post may have been posted (attempt {}/{}): {}", channel, attempt, attempts, reason);
                        return new PostResult.Uncertain(reason + " (may have been posted: not sent again)");
                    }
                    case RETRY -> {
                        lastReason = reason;
                        LOG.warn("{} post not accepted (attempt {}/{}): {}", channel, attempt, attempts, reason);
                        if (v.retryAfter().isPresent()) {
                            wait = v.retryAfter().get().compareTo(maxRetryAfter) > 0 ? maxRetryAfter : v.retryAfter().get();
                        }
                    }
                }
            } catch (ExecutionException e) {
                if (e.getCause() instanceof HttpTimeoutException && !neverConnected(e.getCause())) {
                    // The request's own timeout and the attempt's are the same: either way no answer came in time.
                    return uncertain(channel, attempt, "no answer within " + seconds(timeout));
                }
                if (!neverConnected(e.getCause())) {
                    return uncertain(channel, attempt, describe(e.getCause()));
                }
                lastReason = channel + " unreachable: " + describe(e.getCause());
                LOG.warn("{} post not sent (attempt {}/{}): {}", channel, attempt, attempts, lastReason);
            } catch (TimeoutException e) {
                call.cancel(true);
                return uncertain(channel, attempt, "no answer within " + seconds(timeout));
            } catch (InterruptedException e) {
                call.cancel(true);
                Thread.currentThread().interrupt();
                return uncertain(channel, attempt, "interrupted while waiting for the answer");
            }
            if (attempt < attempts) {
                if (left(budgetEnds, deadline).minus(wait).compareTo(timeout) < 0) {
                    return new PostResult.Failed(lastReason + "; no time for another attempt");
                }
                sleep(wait);
            }
        }
        return new PostResult.Failed(lastReason);
    }

    private Duration left(long budgetEnds, InvocationDeadline deadline) {
        Duration inBudget = Duration.ofNanos(Math.max(0, budgetEnds - System.nanoTime()));
        Duration beforeDeadline = deadline.remainingBefore(reserve);
        return inBudget.compareTo(beforeDeadline) < 0 ? inBudget : beforeDeadline;
    }

    private static PostResult uncertain(String channel, int attempt, String what) {
        String reason = channel + ": " + what;
        LOG.warn("{} post may have been posted (attempt {}): {}", channel, attempt, reason);
        return new PostResult.Uncertain(reason + " (may have been posted: not sent again)");
    }

    /** Only a connection that was never established proves the request never left. */
    private static boolean neverConnected(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof HttpConnectTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable t) {
        return t == null ? "unknown error" : t.getClass().getSimpleName() + (t.getMessage() == null ? "" : " " + t.getMessage());
    }

    private static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
