package dev.placenotify.sender.optout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.placenotify.model.MessageCodec;
import dev.placenotify.sender.SensCredentials;
import dev.placenotify.sender.SensSignature;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The SENS v2 unsubscribe list (080 수신거부): {@code GET /sms/v2/services/{serviceId}/unsubscribes}
 * (paged by {@code pageIndex}/{@code pageSize} ≤ 100; answers a JSON array of {@code clientTelNo},
 * {@code registerTime}, {@code registerType}), {@code POST} and {@code DELETE} with a JSON array of
 * {@code {"clientTelNo": …}} (≤ 1,000 per call). Signed like the send: the signature covers the path
 * with its query string.
 */
public final class SensUnsubscribes {
    static final int PAGE_SIZE = 100;
    static final int MAX_PER_CHANGE = 1000;
    /** 100,000 numbers: far beyond any store chain's list; a list that long is refused rather than read forever. */
    static final int MAX_PAGES = 1000;

    private final HttpClient http;
    private final URI baseUrl;
    private final Duration timeout;
    private final Clock clock;

    /** An entry of the list as SENS returns it; {@code registerType} C = ARS (the 080 number), M = manual. */
    public record Entry(String clientTelNo, String registerTime, String registerType) {}

    /** The list could not be read or changed; the message says why (never a phone number). */
    public static final class UnsubscribeException extends RuntimeException {
        public UnsubscribeException(String message) {
            super(message);
        }
    }

    public SensUnsubscribes(HttpClient http, URI baseUrl, Duration timeout, Clock clock) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.timeout = timeout;
        this.clock = clock;
    }

    static String path(String serviceId) {
        return "/sms/v2/services/" + serviceId + "/unsubscribes";
    }

    /** Every listed number, page by page until a page comes back short. */
    public List<Entry> list(SensCredentials credentials) {
        List<Entry> all = new ArrayList<>();
        for (int page = 0; page < MAX_PAGES; page++) {
            String pathAndQuery = path(credentials.serviceId()) + "?pageSize=" + PAGE_SIZE + "&pageIndex=" + page;
            HttpResponse<String> answer = call("GET", pathAndQuery, null, credentials);
            if (answer.statusCode() == 404 && isBlankOrEmptyArray(answer.body())) {
                // SENS answers an empty 404 when the service has no unsubscribed numbers at all.
                return all;
            }
            expect(answer, 200, "list");
            List<Entry> entries = parse(answer.body());
            all.addAll(entries);
            if (entries.size() < PAGE_SIZE) {
                return all;
            }
        }
        throw new UnsubscribeException("the unsubscribe list has more than " + MAX_PAGES + " pages; refusing to read on");
    }

    /** Adds numbers (digits only) to the list. */
    public void add(List<String> numbers, SensCredentials credentials) {
        change("POST", numbers, credentials, 200, 201);
    }

    /** Removes numbers from the list. */
    public void remove(List<String> numbers, SensCredentials credentials) {
        change("DELETE", numbers, credentials, 204, 200);
    }

    private void change(String method, List<String> numbers, SensCredentials credentials, int... ok) {
        for (int i = 0; i < numbers.size(); i += MAX_PER_CHANGE) {
            ArrayNode body = MessageCodec.mapper().createArrayNode();
            numbers.subList(i, Math.min(numbers.size(), i + MAX_PER_CHANGE))
                    .forEach(n -> body.addObject().put("clientTelNo", PhoneNumbers.normalise(n)));
            HttpResponse<String> answer = call(method, path(credentials.serviceId()), MessageCodec.encode(body), credentials);
            boolean accepted = false;
            for (int status : ok) {
                accepted |= answer.statusCode() == status;
            }
            if (!accepted) {
                expect(answer, ok[0], method.equals("POST") ? "add to" : "remove from");
            }
        }
    }

    private HttpResponse<String> call(String method, String pathAndQuery, String body, SensCredentials credentials) {
        long timestamp = clock.millis();
        HttpRequest.Builder request = SensSignature.authenticate(HttpRequest.newBuilder(baseUrl.resolve(pathAndQuery)).timeout(timeout),
                credentials, method, pathAndQuery, timestamp);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json; charset=utf-8")
                    .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UnsubscribeException("SENS unsubscribe list " + method + " failed: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnsubscribeException("interrupted while calling the SENS unsubscribe list");
        }
    }

    private static void expect(HttpResponse<String> answer, int status, String what) {
        if (answer.statusCode() != status) {
            throw new UnsubscribeException("cannot " + what + " the SENS unsubscribe list: HTTP " + answer.statusCode()
                    + errorMessage(answer.body()));
        }
    }

    static List<Entry> parse(String body) {
        JsonNode root;
        try {
            root = MessageCodec.mapper().readTree(body);
        } catch (IOException e) {
            throw new UnsubscribeException("the SENS unsubscribe list is not JSON");
        }
        if (root == null || !root.isArray()) {
            throw new UnsubscribeException("the SENS unsubscribe list is not a JSON array");
        }
        List<Entry> entries = new ArrayList<>();
        for (JsonNode n : root) {
            String number = n.path("clientTelNo").asText("");
            if (number.isBlank()) {
                throw new UnsubscribeException("an entry of the SENS unsubscribe list has no clientTelNo");
            }
            entries.add(new Entry(number, n.path("registerTime").asText(null), n.path("registerType").asText(null)));
        }
        return entries;
    }

    private static boolean isBlankOrEmptyArray(String body) {
        return body == null || body.isBlank() || body.strip().equals("[]");
    }

    private static String errorMessage(String body) {
        try {
            JsonNode n = MessageCodec.mapper().readTree(body);
            JsonNode m = n == null ? null : n.get("errorMessage");
            return m == null || m.isNull() ? "" : ": " + m.asText();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
