package dev.placenotify.operator.legacy;

import dev.placenotify.model.StoreCatalog;
import dev.placenotify.operator.OperatorException;
import dev.placenotify.operator.legacy.LegacyChange.LegacyBooking;
import dev.placenotify.planner.BookingStateStore;
import dev.placenotify.planner.StoredBooking;
import dev.placenotify.planner.core.BookingState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * The import's shell: a paged Scan of the legacy table, each item mapped ({@link LegacyItem}), items of
 * one booking merged, the bookings' current states read, and (when writing) each change written with
 * the planner's own conditional write ({@link BookingStateStore#write}: a new state only if none exists,
 * an update only if the version is still the one read). A write that loses to a planner re-reads the
 * state and merges again, so the import never overwrites what a planner wrote meanwhile.
 */
final class LegacyImport {
    static final int CONFLICT_RETRIES = 3;

    private final DynamoDbClient legacy;
    private final String legacyTable;
    private final String legacyWhere;
    private final DynamoDbClient dynamo;
    private final String bookingsTable;
    private final StoreCatalog stores;
    private final Duration stateTtl;

    LegacyImport(DynamoDbClient legacy, String legacyTable, String legacyWhere, DynamoDbClient dynamo, String bookingsTable,
                 StoreCatalog stores, Duration stateTtl) {
        this.legacy = legacy;
        this.legacyTable = legacyTable;
        this.legacyWhere = legacyWhere;
        this.dynamo = dynamo;
        this.bookingsTable = bookingsTable;
        this.stores = stores;
        this.stateTtl = stateTtl;
    }

    /** One booking's outcome; {@code addedKeys} are the keys the import adds (all of them for a new state). */
    record Outcome(LegacyBooking booking, Kind kind, Set<String> addedKeys) {}

    enum Kind { CREATE, UPDATE, UNCHANGED, TOO_OLD }

    record Report(int scanned, List<Outcome> outcomes, List<LegacyItem.Unmappable> unmappable, Map<String, Integer> sentByRule) {
        long count(Kind kind) {
            return outcomes.stream().filter(o -> o.kind() == kind).count();
        }
    }

    Report run(Instant importAt, boolean write) {
        int scanned = 0;
        List<LegacyItem.Unmappable> unmappable = new ArrayList<>();
        Map<String, Map<String, LegacyBooking>> byStore = new TreeMap<>();
        Map<String, Integer> sentByRule = new TreeMap<>();
        try {
            for (Map<String, AttributeValue> item : legacy.scanPaginator(b -> b.tableName(legacyTable)).items()) {
                scanned++;
                switch (LegacyItem.of(item, stores)) {
                    case LegacyItem.Unmappable u -> unmappable.add(u);
                    case LegacyItem.Mapped m -> {
                        m.sentKeys().forEach(k -> sentByRule.merge(rule(k), 1, Integer::sum));
                        byStore.computeIfAbsent(m.storeId(), k -> new LinkedHashMap<>()).merge(m.bookingId(),
                                new LegacyBooking(m.storeId(), m.bookingId(), m.startAt(), m.sentKeys()), LegacyImport::merge);
                    }
                }
            }
        } catch (ResourceNotFoundException e) {
            throw new OperatorException("legacy table " + legacyTable + " does not exist at " + legacyWhere + ": name it with"
                    + " --table, and point at the legacy account with --legacy-endpoint/--legacy-region/--legacy-profile");
        }
        BookingStateStore reader = new BookingStateStore(dynamo, bookingsTable, Clock.systemUTC());
        List<Outcome> outcomes = new ArrayList<>();
        for (var store : byStore.entrySet()) {
            Map<String, StoredBooking> existing;
            try {
                existing = reader.load(store.getKey(), store.getValue().keySet());
            } catch (ResourceNotFoundException e) {
                throw new OperatorException("bookings table " + bookingsTable + " does not exist: is the pipeline named right?");
            }
            for (LegacyBooking booking : store.getValue().values()) {
                StoredBooking stored = existing.get(booking.bookingId());
                outcomes.add(write ? apply(booking, stored, importAt)
                        : outcome(booking, LegacyChange.of(booking, stored == null ? null : stored.state(), importAt, stateTtl)));
            }
        }
        outcomes.sort(Comparator.comparing((Outcome o) -> o.booking().storeId()).thenComparing(o -> o.booking().startAt())
                .thenComparing(o -> o.booking().bookingId()));
        unmappable.sort(Comparator.comparing(LegacyItem.Unmappable::bookingNum));
        return new Report(scanned, outcomes, unmappable, sentByRule);
    }

    /** Writes the change; on a lost conditional write re-reads the state and decides again. */
    private Outcome apply(LegacyBooking booking, StoredBooking stored, Instant importAt) {
        StoredBooking current = stored;
        for (int attempt = 0; attempt <= CONFLICT_RETRIES; attempt++) {
            LegacyChange change = LegacyChange.of(booking, current == null ? null : current.state(), importAt, stateTtl);
            BookingState toWrite = switch (change) {
                case LegacyChange.Create c -> c.state();
                case LegacyChange.Update u -> u.after();
                case LegacyChange.Unchanged u -> null;
                case LegacyChange.TooOld t -> null;
            };
            if (toWrite == null || writer(current).write(booking.storeId(), toWrite)) {
                return outcome(booking, change);
            }
            current = new BookingStateStore(dynamo, bookingsTable, Clock.systemUTC()).reload(booking.storeId(), booking.bookingId());
        }
        throw new OperatorException("booking " + booking.bookingId() + " of store " + booking.storeId() + " kept changing while"
                + " it was imported (" + CONFLICT_RETRIES + " conflicts with planners); run the import again, it adds only"
                + " what is missing");
    }

    /**
     * The planner's store stamps pending marks with its clock's time; here the marks are the planner's,
     * kept (minus what the legacy sent) with the time the planner gave them, so a crashed planner's
     * marks still count as crashed, not as fresh.
     */
    private BookingStateStore writer(StoredBooking current) {
        Instant pendingAt = current == null || current.pendingAt() == null ? Instant.EPOCH : current.pendingAt();
        return new BookingStateStore(dynamo, bookingsTable, Clock.fixed(pendingAt, ZoneOffset.UTC));
    }

    private static Outcome outcome(LegacyBooking booking, LegacyChange change) {
        return switch (change) {
            case LegacyChange.Create c -> new Outcome(booking, Kind.CREATE, c.state().plannedKeys());
            case LegacyChange.Update u -> new Outcome(booking, Kind.UPDATE, u.addedKeys());
            case LegacyChange.Unchanged u -> new Outcome(booking, Kind.UNCHANGED, Set.of());
            case LegacyChange.TooOld t -> new Outcome(booking, Kind.TOO_OLD, Set.of());
        };
    }

    /** Two legacy items of one booking (the legacy keyed by booking and phone): what either sent, the later start. */
    static LegacyBooking merge(LegacyBooking a, LegacyBooking b) {
        Set<String> keys = new LinkedHashSet<>(a.sentKeys());
        keys.addAll(b.sentKeys());
        return new LegacyBooking(a.storeId(), a.bookingId(), a.startAt().isAfter(b.startAt()) ? a.startAt() : b.startAt(), keys);
    }

    /** The rule a key names: {@code store:booking:RULE[:scope]}. */
    static String rule(String key) {
        String[] parts = key.split(":");
        return parts.length > 2 ? parts[2] : key;
    }
}
