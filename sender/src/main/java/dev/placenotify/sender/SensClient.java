package dev.placenotify.sender;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.placenotify.model.MessageCodec;
import dev.placenotify.model.SmsJob;
import dev.placenotify.model.SmsType;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The SENS v2 SMS endpoint: builds the body, signs the request, and classifies the answer. It never
 * retries on its own; the caller decides what each class of answer means.
 */
public final class SensClient {
    /** Not a SENS header: lets a simulator count deliveries per idempotency key. SENS ignores it. */
    static final String KEYS_HEADER = "x-pn-idempotency-keys";
    private static final int NO_STATUS = -1;

    private final HttpClient http;
    private final URI baseUrl;
    private final Duration timeout;
    private final Clock clock;

    public SensClient(HttpClient http, URI baseUrl, Duration timeout, Clock clock) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.timeout = timeout;
        this.clock = clock;
    }

    public SensResult send(SensRequest request, SensCredentials credentials) {
        String path = "/sms/v2/services/" + credentials.serviceId() + "/messages";
        long timestamp = clock.millis();
        HttpRequest http = SensSignature.authenticate(HttpRequest.newBuilder(baseUrl.resolve(path)).timeout(timeout),
                        credentials, "POST", path, timestamp)
                .header("Content-Type", "application/json; charset=utf-8")
                .header(KEYS_HEADER, request.jobs().stream().map(SmsJob::idempotencyKey).collect(Collectors.joining(",")))
                .POST(HttpRequest.BodyPublishers.ofString(body(request), StandardCharsets.UTF_8))
                .build();
        // The request timeout covers only the wait for the status line and headers (a 202 whose body
        // stalls would hold the call for as long as the body takes): the whole exchange gets one
        // deadline, enforced by interrupting the call, which makes the client abort the exchange.
        // (Not sendAsync: its result is completed through the common ForkJoinPool, which a busy JVM
        // may not run in time.)
        Duration budget = callBudget();
        AtomicInteger status = new AtomicInteger(NO_STATUS);
        HttpResponse.BodyHandler<String> body = info -> {
            status.set(info.statusCode());
            return HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8);
        };
        CallDeadline deadline = CallDeadline.start(budget);
        try {
            HttpResponse<String> response = this.http.send(http, body);
            return classify(response.statusCode(), response.body(), response.headers().firstValue("Retry-After").orElse(null));
        } catch (InterruptedException e) {
            if (deadline.passed()) {
                return incomplete(status.get(), "did not arrive within " + budget);
            }
            Thread.currentThread().interrupt();
            return new SensResult.Unknown("interrupted while waiting for SENS");
        } catch (IOException e) {
            if (deadline.passed()) {
                return incomplete(status.get(), "did not arrive within " + budget);
            }
            if (neverConnected(e)) {
                return new SensResult.Transient("cannot connect to SENS: " + e.getClass().getSimpleName());
            }
            if (e instanceof HttpTimeoutException) {
                return new SensResult.Unknown("no answer from SENS within " + timeout + " after the request was sent");
            }
            // The connection broke mid-exchange: the request may have reached SENS.
            return incomplete(status.get(), "was cut off: the connection to SENS broke after sending ("
                    + e.getClass().getSimpleName() + ")");
        } finally {
            deadline.end();
        }
    }

    /** The longest one call may take: connecting, then the whole answer. */
    Duration callBudget() {
        return http.connectTimeout().orElse(Duration.ZERO).plus(timeout);
    }

    /**
     * An exchange that ended before its answer was complete. The request may have reached SENS, so
     * the outcome is unknown, unless the status line already said 429 or 503.
     */
    private static SensResult incomplete(int status, String what) {
        if (status == NO_STATUS) {
            return new SensResult.Unknown("the answer " + what);
        }
        String reason = "SENS answered HTTP " + status + " but the rest of the answer " + what;
        return provesNothingWasSent(status) ? new SensResult.Transient(reason) : new SensResult.Unknown(reason);
    }

    /** The JSON body SENS receives for {@code request}; public so bench's SensEncodingBenchmark can measure it. */
    public static String body(SensRequest request) {
        ObjectNode body = MessageCodec.mapper().createObjectNode();
        body.put("type", request.type().name());
        body.put("contentType", request.contentType().name());
        body.put("countryCode", "82");
        body.put("from", request.from());
        SmsJob first = request.jobs().get(0);
        body.put("content", first.content());
        if (request.type() == SmsType.LMS && first.subject() != null) {
            body.put("subject", first.subject());
        }
        ArrayNode messages = body.putArray("messages");
        for (SmsJob job : request.jobs()) {
            ObjectNode m = messages.addObject();
            m.put("to", job.recipient());
            m.put("content", job.content());
            if (request.type() == SmsType.LMS && job.subject() != null) {
                m.put("subject", job.subject());
            }
        }
        return MessageCodec.encode(body);
    }

    /** Only a connection that was never established proves SENS did not see the request. */
    private static boolean neverConnected(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HttpConnectTimeoutException || t instanceof ConnectException
                    || t instanceof UnknownHostException) {
                return true;
            }
        }
        return false;
    }

    static SensResult classify(int status, String body) {
        return classify(status, body, null);
    }

    static SensResult classify(int status, String body, String retryAfterHeader) {
        if (status == 202) {
            String requestId = field(body, "requestId");
            return new SensResult.Accepted(requestId == null ? "unknown-request-id" : requestId);
        }
        String reason = "SENS HTTP " + status + describe(body);
        if (status == 401) {
            return new SensResult.CredentialsRejected(reason);
        }
        if (provesNothingWasSent(status)) {
            return new SensResult.Transient(reason, retryAfter(retryAfterHeader));
        }
        if (status >= 500) {
            // A gateway error (500, 502, 504, ...) can come after SENS sent the texts.
            return new SensResult.Unknown(reason + " (SENS may have sent it before failing)");
        }
        return new SensResult.Rejected(status, reason);
    }

    /** Throttled (429) or unavailable (503): SENS refused the request before acting on it. */
    static boolean provesNothingWasSent(int status) {
        return status == 429 || status == 503;
    }

    /** Retry-After in seconds; the HTTP-date form is not used by SENS and is ignored. */
    static Duration retryAfter(String header) {
        if (header == null) {
            return null;
        }
        try {
            long seconds = Long.parseLong(header.strip());
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String describe(String body) {
        String message = field(body, "errorMessage");
        if (message == null) {
            message = field(body, "statusName");
        }
        return message == null ? "" : ": " + message;
    }

    private static String field(String body, String name) {
        try {
            JsonNode n = MessageCodec.mapper().readTree(body);
            JsonNode v = n == null ? null : n.get(name);
            return v == null || v.isNull() ? null : v.asText();
        } catch (Exception e) {
            return null;
        }
    }
}
