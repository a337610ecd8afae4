package dev.placenotify.operator.replay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.placenotify.model.MessageCodec;

/**
 * What a dead letter's body says about itself, read leniently (a poison message may not decode as its
 * type): the run, the store, and the message type where the body names one ({@code type} of a result event).
 */
public record BodyFacts(String runId, String storeId, String type) {
    public static BodyFacts of(String body) {
        if (body == null || body.isBlank()) {
            return new BodyFacts(null, null, null);
        }
        try {
            JsonNode n = MessageCodec.mapper().readTree(body);
            if (n == null || !n.isObject()) {
                return new BodyFacts(null, null, null);
            }
            return new BodyFacts(text(n, "runId"), text(n, "storeId"), text(n, "type"));
        } catch (Exception notJson) {
            return new BodyFacts(null, null, null);
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
