package dev.placenotify.operator.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.placenotify.fetcher.BookingPage;
import dev.placenotify.fetcher.NaverBookingParser;
import dev.placenotify.fetcher.NotABookingListException;
import dev.placenotify.model.MessageCodec;
import dev.placenotify.model.StoreCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A scenario file of {@code ./run-local simulate} (docs/planner.md) read for a preview: its stores, as the
 * local runner builds them (a store with a bundled id starts from the bundled settings, the scenario's
 * {@code templates} and {@code vars} join them, other fields replace them, chain-wide {@code vars} come
 * from the bundled catalog), and per tick the bookings in Naver's JSON, read by the fetcher's own parser.
 * The local runner's {@code Scenario} is the strict reader; this one reads what a preview needs.
 */
public record ScenarioFile(String source, StoreCatalog stores, List<String> storeIds, List<Tick> ticks) {

    /** Callback number of a scenario store that names none, as the local runner sets it. */
    static final String DEFAULT_CALLBACK_NUMBER = "0212345678";

    /** One tick: its time and, per store, what Naver's answer holds (bookings and unreadable entries). */
    public record Tick(int index, OffsetDateTime at, Map<String, BookingPage> bookings) {
        public Tick {
            bookings = Map.copyOf(bookings);
        }
    }

    public static final class InvalidScenarioException extends RuntimeException {
        InvalidScenarioException(String message) {
            super(message);
        }
    }

    public static ScenarioFile read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new InvalidScenarioException("cannot read scenario " + file + ": " + e.getMessage());
        }
    }

    public static ScenarioFile parse(String json, String source) {
        JsonNode root;
        try {
            root = MessageCodec.mapper().readTree(json);
        } catch (IOException e) {
            throw invalid(source, "$: not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || !root.isObject()) {
            throw invalid(source, "$: must be an object with 'stores' and 'ticks'");
        }
        JsonNode stores = root.path("stores");
        if (!stores.isArray() || stores.isEmpty()) {
            throw invalid(source, "$.stores: must be a non-empty array");
        }
        JsonNode bundled = bundledCatalog();
        ObjectNode doc = MessageCodec.mapper().createObjectNode();
        doc.put("defaultCallbackNumber", DEFAULT_CALLBACK_NUMBER);
        doc.set("vars", bundled.path("vars").deepCopy());
        ArrayNode list = doc.putArray("stores");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < stores.size(); i++) {
            JsonNode s = stores.get(i);
            if (!s.isObject() || !s.hasNonNull("storeId") || s.get("storeId").asText().isBlank()) {
                throw invalid(source, "$.stores[" + i + "].storeId: required");
            }
            String id = s.get("storeId").asText();
            ObjectNode copy = MessageCodec.mapper().createObjectNode();
            for (JsonNode known : bundled.path("stores")) {
                if (known.path("storeId").asText().equals(id)) {
                    copy.setAll(((ObjectNode) known).deepCopy());
                }
            }
            s.properties().forEach(f -> {
                if (copy.get(f.getKey()) instanceof ObjectNode base && f.getValue().isObject()) {
                    base.setAll((ObjectNode) f.getValue().deepCopy());
                } else {
                    copy.set(f.getKey(), f.getValue().deepCopy());
                }
            });
            copy.put("storeId", id);
            list.add(copy);
            ids.add(id);
        }
        StoreCatalog catalog;
        try {
            catalog = StoreCatalog.parse(MessageCodec.encode(doc));
        } catch (IllegalArgumentException e) {
            throw invalid(source, "$.stores: " + e.getMessage().lines().findFirst().orElse(""));
        }
        JsonNode ticks = root.path("ticks");
        if (!ticks.isArray() || ticks.isEmpty()) {
            throw invalid(source, "$.ticks: must be a non-empty array");
        }
        List<Tick> parsed = new ArrayList<>();
        for (int i = 0; i < ticks.size(); i++) {
            parsed.add(tick(source, ticks.get(i), i, ids));
        }
        return new ScenarioFile(source, catalog, List.copyOf(ids), List.copyOf(parsed));
    }

    private static Tick tick(String source, JsonNode t, int i, List<String> ids) {
        String where = "$.ticks[" + i + "]";
        OffsetDateTime at;
        try {
            at = OffsetDateTime.parse(t.path("at").asText());
        } catch (DateTimeParseException e) {
            throw invalid(source, where + ".at: not an ISO date-time with offset (e.g. 2025-10-22T14:00:00+09:00)");
        }
        Map<String, BookingPage> bookings = new LinkedHashMap<>();
        for (var e : t.path("bookings").properties()) {
            if (!ids.contains(e.getKey())) {
                throw invalid(source, where + ".bookings." + e.getKey() + ": store is not in 'stores'");
            }
            if (!e.getValue().isArray()) {
                throw invalid(source, where + ".bookings." + e.getKey() + ": must be an array");
            }
            try {
                bookings.put(e.getKey(), NaverBookingParser.parse(MessageCodec.encode(e.getValue())));
            } catch (NotABookingListException impossible) {
                throw new IllegalStateException("an array is a bookings answer", impossible);
            }
        }
        return new Tick(i, at, bookings);
    }

    private static JsonNode bundledCatalog() {
        try (InputStream in = StoreCatalog.class.getResourceAsStream(StoreCatalog.BUNDLED_RESOURCE)) {
            return MessageCodec.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled " + StoreCatalog.BUNDLED_RESOURCE, e);
        }
    }

    private static InvalidScenarioException invalid(String source, String problem) {
        return new InvalidScenarioException("scenario " + source + " cannot be previewed: " + problem);
    }
}
