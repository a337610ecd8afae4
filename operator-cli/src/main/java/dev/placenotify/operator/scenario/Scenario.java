package dev.placenotify.operator.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.placenotify.fetcher.FanOut;
import dev.placenotify.model.MessageCodec;
import dev.placenotify.model.StoreCatalog;
import dev.placenotify.model.StoreSettings;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A scripted sequence of cycles, as {@code ./run-local simulate} runs it and {@code ./operator rules preview}
 * reads it: the stores, then per tick the exact bookings Naver holds. Parsing names the first problem it
 * finds, with its JSON path.
 *
 * <p>A scenario store with the id of a bundled store ({@code stores.json}) starts from that store's
 * settings (its guide template, its variables): the scenario's own templates and vars join those, any
 * other field it gives replaces the bundled value; the chain-wide variables ({@code brand}, …) come
 * from the bundled catalog.
 *
 * <p>Unlike queue messages, a scenario is written by hand, so an unknown field is an error (a typo such
 * as {@code "reminderLeadMinute"} would otherwise silently change nothing); {@code "description"} is
 * allowed at the top level and in each tick for the author's notes.
 */
public record Scenario(String storesJson, List<String> storeIds, List<Tick> ticks) {

    /** Callback number of a scenario store that names none (the simulated SENS accepts any). */
    public static final String DEFAULT_CALLBACK_NUMBER = "0212345678";
    /** How {@code at} is written back in reports: always with seconds and the offset given. */
    public static final DateTimeFormatter AT_FORMAT = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private static final Set<String> TOP_LEVEL_FIELDS = Set.of("stores", "ticks", "description");
    private static final Set<String> TICK_FIELDS = Set.of("at", "bookings", "description");
    private static final Set<String> STORE_FIELDS = Arrays.stream(StoreSettings.class.getRecordComponents())
            .map(c -> c.getName()).collect(java.util.stream.Collectors.toUnmodifiableSet());

    /** One cycle: the clock at {@code at}, Naver holding exactly {@code bookings} per store. */
    public record Tick(OffsetDateTime at, Map<String, List<JsonNode>> bookings) {
        public Instant instant() {
            return at.toInstant();
        }

        /** The run id the pipeline gives this tick's cycle (one per KST minute). */
        public String runId() {
            return FanOut.runIdFor(instant());
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
        knownFields(root, TOP_LEVEL_FIELDS, "scenario");
        JsonNode stores = root.get("stores");
        if (stores == null || !stores.isArray() || stores.isEmpty()) {
            throw new InvalidScenarioException("'stores' must be a non-empty array");
        }
        JsonNode bundled = StoreCatalog.bundledDocument();
        ObjectNode catalogDoc = MessageCodec.mapper().createObjectNode();
        catalogDoc.put("defaultCallbackNumber", DEFAULT_CALLBACK_NUMBER);
        catalogDoc.set("vars", bundled.path("vars").deepCopy());
        ArrayNode storeArray = catalogDoc.putArray("stores");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < stores.size(); i++) {
            JsonNode s = stores.get(i);
            if (!s.isObject() || !s.hasNonNull("storeId") || s.get("storeId").asText().isBlank()) {
                throw new InvalidScenarioException("stores[" + i + "]: 'storeId' is required");
            }
            knownFields(s, STORE_FIELDS, "stores[" + i + "]");
            String id = s.get("storeId").asText();
            ObjectNode copy = MessageCodec.mapper().createObjectNode();
            for (JsonNode known : bundled.path("stores")) {
                if (known.path("storeId").asText().equals(id)) {
                    copy.setAll(((ObjectNode) known).deepCopy());
                }
            }
            // The scenario's templates and vars join the bundled store's; any other field replaces its value.
            s.properties().forEach(f -> {
                JsonNode mine = copy.get(f.getKey());
                if (mine instanceof ObjectNode base && f.getValue().isObject()) {
                    base.setAll((ObjectNode) f.getValue().deepCopy());
                } else {
                    copy.set(f.getKey(), f.getValue().deepCopy());
                }
            });
            copy.put("storeId", id);
            storeArray.add(copy);
            ids.add(copy.get("storeId").asText());
        }
        String storesJson = MessageCodec.encode(catalogDoc);
        try {
            StoreCatalog.parse(storesJson);
        } catch (IllegalArgumentException e) {
            throw new InvalidScenarioException("stores: " + e.getMessage().lines().findFirst().orElse(""));
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
        knownFields(t, TICK_FIELDS, where);
        OffsetDateTime at;
        try {
            at = OffsetDateTime.parse(t.get("at").asText());
        } catch (DateTimeParseException e) {
            throw new InvalidScenarioException(where + ".at: '" + t.get("at").asText()
                    + "' is not an ISO date-time with offset (e.g. 2025-10-22T14:00:00+09:00)");
        }
        Tick tick = new Tick(at, Map.of());
        // Run ids come from the cycle time, to the minute: a tick must not reuse or precede the previous run.
        if (previous != null && !at.toInstant().isAfter(previous.instant())) {
            throw new InvalidScenarioException(where + ".at: ticks must be in strictly increasing time order ("
                    + AT_FORMAT.format(at) + " is not after " + AT_FORMAT.format(previous.at()) + ")");
        }
        if (previous != null && tick.runId().equals(previous.runId())) {
            throw new InvalidScenarioException(where + ".at: " + AT_FORMAT.format(at) + " is in the same minute as "
                    + AT_FORMAT.format(previous.at()) + " (run ids are per minute: both would be " + tick.runId() + ")");
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
                String path = where + ".bookings." + e.getKey();
                if (!storeIds.contains(e.getKey())) {
                    throw new InvalidScenarioException(where + ".bookings: store " + e.getKey() + " is not in 'stores'");
                }
                if (!e.getValue().isArray()) {
                    throw new InvalidScenarioException(path + " must be an array");
                }
                List<JsonNode> list = new ArrayList<>();
                for (int j = 0; j < e.getValue().size(); j++) {
                    JsonNode booking = e.getValue().get(j);
                    // Missing or odd booking fields are allowed on purpose (the planner's malformed-booking
                    // rule is testable that way); an entry that is not an object is a mistake in the file.
                    if (!booking.isObject()) {
                        throw new InvalidScenarioException(path + "[" + j + "] must be a booking object, was " + booking);
                    }
                    list.add(booking);
                }
                bookings.put(e.getKey(), list);
            }
        }
        return new Tick(at, bookings);
    }

    private static void knownFields(JsonNode node, Set<String> known, String where) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new InvalidScenarioException(where + ": unknown field '" + name + "' (known: "
                        + String.join(", ", new TreeSet<>(known)) + ")");
            }
        }
    }
}
