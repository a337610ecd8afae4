package dev.placenotify.testsupport.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.placenotify.model.MessageCodec;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a simulator answers: status, headers and body bytes. */
public record SimResponse(int status, Map<String, String> headers, byte[] body) {

    public SimResponse {
        headers = Map.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    public static SimResponse of(int status, String contentType, String body) {
        Map<String, String> headers = contentType == null ? Map.of() : Map.of("Content-Type", contentType);
        return new SimResponse(status, headers, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    public static SimResponse json(int status, String json) {
        return of(status, "application/json;charset=UTF-8", json);
    }

    /** Serialises {@code value} (a JsonNode, Map or record) with the project's mapper. */
    public static SimResponse json(int status, Object value) {
        try {
            return json(status, MessageCodec.mapper().writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise simulator answer", e);
        }
    }

    public static SimResponse text(int status, String text) {
        return of(status, "text/plain;charset=UTF-8", text);
    }

    public static SimResponse html(int status, String html) {
        return of(status, "text/html;charset=UTF-8", html);
    }

    public SimResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new SimResponse(status, more, body);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
