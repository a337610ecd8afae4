package dev.placenotify.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.placenotify.model.MessageCodec;
import dev.placenotify.model.StoreCatalog;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A scripted sequence of cycles for {@code ./run-local simulate}: the stores, then per tick the exact
 * bookings Naver holds. Parsing names the first problem it finds, with its JSON path.
 */
public record Scenario(String storesJson, List<String> storeIds, List<Tick> ticks) {

    /** One cycle: the clock at {@code at}, Naver holding exactly {@code bookings} per store. */
    public record Tick(OffsetDateTime at, Map<String, List<JsonNode>> bookings) {
        public Instant instant() {
            return at.toInstant();
        }
    }

    /** A scenario file that cannot be run, with the reason. */
    public static final class InvalidScenarioException extends RuntimeException {
        public InvalidScenarioException(String message) {
            super(message);
        }
    }

    public static Scenario parse(String json) {
        JsonNode root;
        try {
            root = MessageCodec.mapper().readTree(json);
        } catch (Exception e) {
            throw new InvalidScenarioException("scenario is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || !root.isObject()) {
            throw new InvalidScenarioException("scenario must be a JSON object with 'stores' and 'ticks'");
        }
        JsonNode stores = root.get("stores");
        if (stores == null || !stores.isArray() || stores.isEmpty()) {
            throw new InvalidScenarioException("'stores' must be a non-empty array");
        }
        ObjectNode catalogDoc = MessageCodec.mapper().createObjectNode();
        catalogDoc.put("defaultCallbackNumber", "0212345678");
        ArrayNode storeArray = catalogDoc.putArray("stores");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < stores.size(); i++) {
            JsonNode s = stores.get(i);
            if (!s.isObject() || !s.hasNonNull("storeId") || s.get("storeId").asText().isBlank()) {
                throw new InvalidScenarioException("stores[" + i + "]: 'storeId' is required");
            }
            ObjectNode copy = ((ObjectNode) s).deepCopy();
            copy.put("storeId", s.get("storeId").asText());
            storeArray.add(copy);
            ids.add(copy.get("storeId").asText());
        }
        String storesJson = MessageCodec.encode(catalogDoc);
        try {
            StoreCatalog.parse(storesJson);
        } catch (IllegalArgumentException e) {
            throw new InvalidScenarioException("stores: " + e.getMessage());
        }
        JsonNode ticks = root.get("ticks");
        if (ticks == null || !ticks.isArray() || ticks.isEmpty()) {
            throw new InvalidScenarioException("'ticks' must be a non-empty array");
        }
        List<Tick> parsed = new ArrayList<>();
        for (int i = 0; i < ticks.size(); i++) {
            parsed.add(tick(ticks.get(i), i, ids, parsed.isEmpty() ? null : parsed.get(parsed.size() - 1)));
        }
        return new Scenario(storesJson, List.copyOf(ids), List.copyOf(parsed));
    }

    private static Tick tick(JsonNode t, int i, List<String> storeIds, Tick previous) {
        String where = "ticks[" + i + "]";
        if (!t.isObject() || !t.hasNonNull("at")) {
            throw new InvalidScenarioException(where + ": 'at' is required (e.g. 2025-10-22T14:00:00+09:00)");
        }
        OffsetDateTime at;
        try {
            at = OffsetDateTime.parse(t.get("at").asText());
        } catch (DateTimeParseException e) {
            throw new InvalidScenarioException(where + ".at: '" + t.get("at").asText()
                    + "' is not an ISO date-time with offset (e.g. 2025-10-22T14:00:00+09:00)");
        }
        if (previous != null && !at.toInstant().isAfter(previous.instant())) {
            throw new InvalidScenarioException(where + ".at: ticks must be in strictly increasing time order ("
                    + at + " is not after " + previous.at() + ")");
        }
        Map<String, List<JsonNode>> bookings = new LinkedHashMap<>();
        JsonNode b = t.get("bookings");
        if (b != null && !b.isNull()) {
            if (!b.isObject()) {
                throw new InvalidScenarioException(where + ".bookings must be an object of storeId → array");
            }
            Iterator<Map.Entry<String, JsonNode>> fields = b.fields();
            while (fields.hasNext()) {
                var e = fields.next();
                if (!storeIds.contains(e.getKey())) {
                    throw new InvalidScenarioException(where + ".bookings: store " + e.getKey() + " is not in 'stores'");
                }
                if (!e.getValue().isArray()) {
                    throw new InvalidScenarioException(where + ".bookings." + e.getKey() + " must be an array");
                }
                List<JsonNode> list = new ArrayList<>();
                e.getValue().forEach(list::add);
                bookings.put(e.getKey(), list);
            }
        }
        return new Tick(at, bookings);
    }
}
