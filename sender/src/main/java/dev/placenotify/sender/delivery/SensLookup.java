package dev.placenotify.sender.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.placenotify.model.MessageCodec;
import dev.placenotify.model.Messages;
import dev.placenotify.sender.SensCredentials;
import dev.placenotify.sender.SensSignature;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * SENS v2's message lookups, signed like the send ({@code x-ncp-apigw-signature-v2} over
 * "GET {path with query}\n{timestamp}\n{accessKey}"):
 * <ul>
 *   <li>{@code GET /sms/v2/services/{serviceId}/messages?requestId=…}: the messages of one request;</li>
 *   <li>{@code GET /sms/v2/services/{serviceId}/messages?requestStartTime=…&requestEndTime=…&to=…&pageIndex=…&pageSize=…}:
 *       the messages requested in a time window (KST, "yyyy-MM-dd HH:mm:ss", at most 30 days), filtered
 *       by recipient (filtered again here, so an API that ignored {@code to} still gives the right answer);</li>
 *   <li>{@code GET /sms/v2/services/{serviceId}/messages/{messageId}}: one message's result (status,
 *       statusCode, statusName, statusMessage, telcoCode, completeTime, content).</li>
 * </ul>
 * Read-only: nothing here can send a text. A 404 means SENS has no such request or message.
 */
public final class SensLookup {
    private static final DateTimeFormatter SENS_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(Messages.KST);
    private static final int PAGE_SIZE = 100;
    private static final int MAX_PAGES = 10;

    private final HttpClient http;
    private final URI baseUrl;
    private final Duration timeout;
    private final Clock clock;

    /** A lookup's answer: the messages SENS listed (empty when it has none), or why it could not be asked. */
    public sealed interface Answer {}

    public record Listed(List<SensMessageResult> messages) implements Answer {}

    public record Failed(String reason) implements Answer {}

    public SensLookup(HttpClient http, URI baseUrl, Duration timeout, Clock clock) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.timeout = timeout;
        this.clock = clock;
    }

    public Answer byRequest(SensCredentials credentials, String requestId) {
        return get(credentials, messagesPath(credentials) + "?requestId=" + encode(requestId));
    }

    public Answer message(SensCredentials credentials, String messageId) {
        return get(credentials, messagesPath(credentials) + "/" + encode(messageId));
    }

    /** Every message to {@code to} requested between {@code from} and {@code until}, all pages. */
    public Answer byRecipient(SensCredentials credentials, String to, Instant from, Instant until) {
        List<SensMessageResult> all = new ArrayList<>();
        for (int page = 0; page < MAX_PAGES; page++) {
            String query = "?requestStartTime=" + encode(SENS_TIME.format(from)) + "&requestEndTime=" + encode(SENS_TIME.format(until))
                    + "&to=" + encode(to) + "&pageIndex=" + page + "&pageSize=" + PAGE_SIZE;
            Page answer = page(credentials, messagesPath(credentials) + query);
            if (answer.failure() != null) {
                return new Failed(answer.failure());
            }
            answer.messages().stream().filter(m -> digits(to).equals(digits(m.to()))).forEach(all::add);
            if (!answer.hasMore()) {
                return new Listed(all);
            }
        }
        return new Failed("SENS listed more than " + MAX_PAGES * PAGE_SIZE + " messages to one recipient in the window");
    }

    private static String messagesPath(SensCredentials credentials) {
        return "/sms/v2/services/" + credentials.serviceId() + "/messages";
    }

    private Answer get(SensCredentials credentials, String pathAndQuery) {
        Page page = page(credentials, pathAndQuery);
        return page.failure() != null ? new Failed(page.failure()) : new Listed(page.messages());
    }

    private record Page(List<SensMessageResult> messages, boolean hasMore, String failure) {}

    private Page page(SensCredentials credentials, String pathAndQuery) {
        long timestamp = clock.millis();
        HttpRequest request = SensSignature.authenticate(HttpRequest.newBuilder(baseUrl.resolve(pathAndQuery)).timeout(timeout).GET(),
                credentials, "GET", pathAndQuery, timestamp).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Page(List.of(), false, "SENS lookup failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Page(List.of(), false, "SENS lookup interrupted");
        }
        if (response.statusCode() == 404) {
            return new Page(List.of(), false, null);
        }
        if (response.statusCode() != 200) {
            return new Page(List.of(), false, "SENS lookup answered HTTP " + response.statusCode());
        }
        try {
            JsonNode body = MessageCodec.mapper().readTree(response.body());
            List<SensMessageResult> messages = new ArrayList<>();
            for (JsonNode m : body.path("messages")) {
                messages.add(new SensMessageResult(text(m, "requestId", text(body, "requestId", null)), text(m, "messageId", null),
                        text(m, "requestTime", null), text(m, "from", null), text(m, "to", null), text(m, "content", null),
                        text(m, "status", null), text(m, "statusCode", null), text(m, "statusName", null),
                        text(m, "statusMessage", null), text(m, "telcoCode", null), text(m, "completeTime", null)));
            }
            return new Page(messages, body.path("hasMore").asBoolean(false), null);
        } catch (IOException e) {
            return new Page(List.of(), false, "SENS lookup answer is not JSON");
        }
    }

    private static String text(JsonNode n, String field, String fallback) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? fallback : v.asText();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String digits(String s) {
        return s == null ? "" : s.replaceAll("\\D", "");
    }
}
