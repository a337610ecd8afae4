package dev.placenotify.testsupport.sim;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One HTTP request exactly as a simulator received it. The body is read completely before any
 * latency or fault applies, so a simulator can record what it was sent even when it never answers.
 */
public record SimRequest(String method, URI uri, Map<String, List<String>> headers, byte[] body, Instant receivedAt) {

    public SimRequest {
        // HTTP header names are case-insensitive; the JDK server and clients disagree on spelling.
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        headers = Collections.unmodifiableMap(copy);
        body = body == null ? new byte[0] : body;
    }

    /** Decoded path, for routing. */
    public String path() {
        return uri.getPath();
    }

    /** Path and query as sent on the wire: what request signatures are computed over. */
    public String rawPathAndQuery() {
        String query = uri.getRawQuery();
        return uri.getRawPath() + (query == null ? "" : "?" + query);
    }

    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public List<String> headerValues(String name) {
        return headers.getOrDefault(name, List.of());
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public Map<String, List<String>> queryParams() {
        return decodeForm(uri.getRawQuery());
    }

    public String queryParam(String name) {
        List<String> values = queryParams().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The body read as {@code application/x-www-form-urlencoded}. */
    public Map<String, List<String>> formParams() {
        return decodeForm(bodyText());
    }

    public boolean hasContentType(String mediaType) {
        String contentType = header("Content-Type");
        return contentType != null && contentType.toLowerCase().startsWith(mediaType.toLowerCase());
    }

    private static Map<String, List<String>> decodeForm(String encoded) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return params;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return params;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            // A broken escape is the client's bug; keep the raw text so validation reports it.
            return text;
        }
    }

    @Override
    public String toString() {
        // Bodies may carry phone numbers: never print them.
        return "SimRequest[" + method + " " + uri.getRawPath() + " " + body.length + " bytes at " + receivedAt + "]";
    }
}
