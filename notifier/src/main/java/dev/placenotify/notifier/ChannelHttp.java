package dev.placenotify.notifier;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retry loop both chat channels share: POST JSON, honour the server's retry-after on 429 (capped),
 * back off on 5xx and network errors, and give up at once on answers that retrying cannot change. The
 * whole loop stays within a time budget, so a slow channel cannot outlast the Lambda's timeout.
 */
final class ChannelHttp {
    private static final Logger LOG = LoggerFactory.getLogger(ChannelHttp.class);

    /** What a channel makes of one HTTP answer. */
    record Verdict(boolean ok, boolean retryable, Optional<Duration> retryAfter, String description) {}

    private final HttpClient http;
    private final Duration timeout;
    private final int attempts;
    private final Duration maxRetryAfter;
    private final Duration budget;

    ChannelHttp(HttpClient http, Duration timeout, int attempts, Duration maxRetryAfter, Duration budget) {
        this.http = http;
        this.timeout = timeout;
        this.attempts = Math.max(1, attempts);
        this.maxRetryAfter = maxRetryAfter;
        this.budget = budget;
    }

    PostResult post(String channel, URI uri, String json, Function<HttpResponse<String>, Verdict> judge) {
        long giveUpAt = System.nanoTime() + budget.toNanos();
        String lastReason = "not attempted";
        for (int attempt = 1; attempt <= attempts; attempt++) {
            Duration wait = Duration.ofMillis(250L * attempt);
            Duration left = Duration.ofNanos(giveUpAt - System.nanoTime());
            if (left.toMillis() < 1) {
                return new PostResult.Failed(lastReason + " (time budget of " + budget.toSeconds() + " s spent)", true);
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri)
                                .timeout(left.compareTo(timeout) < 0 ? left : timeout)
                                .header("Content-Type", "application/json; charset=utf-8")
                                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                Verdict v = judge.apply(response);
                if (v.ok()) {
                    if (attempt > 1) {
                        LOG.info("{} post succeeded on attempt {}", channel, attempt);
                    }
                    return new PostResult.Posted(attempt);
                }
                lastReason = channel + " HTTP " + response.statusCode() + ": " + v.description();
                LOG.warn("{} post failed (attempt {}/{}): {}", channel, attempt, attempts, lastReason);
                if (!v.retryable()) {
                    return new PostResult.Failed(lastReason, false);
                }
                if (v.retryAfter().isPresent()) {
                    wait = v.retryAfter().get().compareTo(maxRetryAfter) > 0 ? maxRetryAfter : v.retryAfter().get();
                }
            } catch (IOException e) {
                lastReason = channel + " unreachable: " + e.getClass().getSimpleName() + " " + e.getMessage();
                LOG.warn("{} post failed (attempt {}/{}): {}", channel, attempt, attempts, lastReason);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new PostResult.Failed(channel + " interrupted", true);
            }
            if (attempt < attempts) {
                if (System.nanoTime() + wait.toNanos() >= giveUpAt) {
                    return new PostResult.Failed(lastReason + " (time budget of " + budget.toSeconds() + " s spent)", true);
                }
                sleep(wait);
            }
        }
        return new PostResult.Failed(lastReason, true);
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
