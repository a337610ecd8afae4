package dev.placenotify.planner;

import dev.placenotify.model.items.BookingsTableLayout;
import dev.placenotify.planner.core.BookingState;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * Booking state per store in DynamoDB. Holds no customer name or phone number: only status, start
 * time, which message keys were planned, when the booking was first seen and when the data behind the
 * state was read. Writes are conditional on the version read.
 */
public final class BookingStateStore {
    private static final int BATCH_GET = 100;

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    /** {@code clock} stamps pending keys when they are written (wall-clock time, not the cycle's). */
    public BookingStateStore(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    public Map<String, StoredBooking> load(String storeId, Collection<String> bookingIds) {
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(bookingIds));
        Map<String, StoredBooking> states = new HashMap<>();
        for (int i = 0; i < ids.size(); i += BATCH_GET) {
            List<Map<String, AttributeValue>> keys = ids.subList(i, Math.min(ids.size(), i + BATCH_GET)).stream()
                    .map(id -> key(storeId, id)).toList();
            Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
            while (!request.isEmpty()) {
                Map<String, KeysAndAttributes> current = request;
                BatchGetItemResponse response = dynamo.batchGetItem(b -> b.requestItems(current));
                response.responses().getOrDefault(table, List.of()).forEach(item -> {
                    StoredBooking s = toStored(item);
                    states.put(s.state().bookingId(), s);
                });
                request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            }
        }
        return states;
    }

    public StoredBooking reload(String storeId, String bookingId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(key(storeId, bookingId))).item();
        return item == null || item.isEmpty() ? StoredBooking.unseen(bookingId) : toStored(item);
    }

    /** Writes {@code state} if the stored version is still {@code state.version() - 1}; false on a conflict. */
    public boolean write(String storeId, BookingState state) {
        Map<String, AttributeValue> item = new HashMap<>(key(storeId, state.bookingId()));
        if (state.status() != null) {
            item.put(BookingsTableLayout.STATUS, AttributeValue.fromS(state.status()));
        }
        if (state.startAt() != null) {
            item.put(BookingsTableLayout.START_AT, AttributeValue.fromS(state.startAt().toString()));
        }
        if (!state.plannedKeys().isEmpty()) {
            item.put(BookingsTableLayout.PLANNED_KEYS, AttributeValue.fromSs(List.copyOf(state.plannedKeys())));
        }
        if (!state.pendingKeys().isEmpty()) {
            item.put(BookingsTableLayout.PENDING_KEYS, AttributeValue.fromSs(List.copyOf(state.pendingKeys())));
            item.put(BookingsTableLayout.PENDING_AT, AttributeValue.fromN(Long.toString(clock.millis())));
        }
        item.put(BookingsTableLayout.VERSION, AttributeValue.fromN(Long.toString(state.version())));
        if (state.expiresAt() != null) {
            item.put(BookingsTableLayout.EXPIRES_AT, AttributeValue.fromN(Long.toString(state.expiresAt().getEpochSecond())));
        }
        if (state.firstSeenAt() != null) {
            item.put(BookingsTableLayout.FIRST_SEEN_AT, AttributeValue.fromS(state.firstSeenAt().toString()));
        }
        if (state.snapshotAt() != null) {
            item.put(BookingsTableLayout.SNAPSHOT_AT, AttributeValue.fromS(state.snapshotAt().toString()));
        }
        long expected = state.version() - 1;
        try {
            dynamo.putItem(b -> {
                b.tableName(table).item(item);
                if (expected == 0) {
                    b.conditionExpression("attribute_not_exists(" + BookingsTableLayout.BOOKING_ID + ")");
                } else {
                    b.conditionExpression(BookingsTableLayout.VERSION + " = :v").expressionAttributeValues(
                            Map.of(":v", AttributeValue.fromN(Long.toString(expected))));
                }
            });
            return true;
        } catch (ConditionalCheckFailedException conflict) {
            return false;
        }
    }

    private static StoredBooking toStored(Map<String, AttributeValue> item) {
        Instant pendingAt = item.containsKey(BookingsTableLayout.PENDING_AT) ? Instant.ofEpochMilli(Long.parseLong(item.get(BookingsTableLayout.PENDING_AT).n())) : null;
        return new StoredBooking(toState(item), pendingAt);
    }

    static BookingState toState(Map<String, AttributeValue> item) {
        return new BookingState(item.get(BookingsTableLayout.BOOKING_ID).s(),
                item.containsKey(BookingsTableLayout.STATUS) ? item.get(BookingsTableLayout.STATUS).s() : null,
                item.containsKey(BookingsTableLayout.START_AT) ? Instant.parse(item.get(BookingsTableLayout.START_AT).s()) : null,
                set(item, BookingsTableLayout.PLANNED_KEYS), set(item, BookingsTableLayout.PENDING_KEYS),
                Long.parseLong(item.get(BookingsTableLayout.VERSION).n()),
                item.containsKey(BookingsTableLayout.EXPIRES_AT) ? Instant.ofEpochSecond(Long.parseLong(item.get(BookingsTableLayout.EXPIRES_AT).n())) : null,
                instant(item, BookingsTableLayout.FIRST_SEEN_AT), instant(item, BookingsTableLayout.SNAPSHOT_AT));
    }

    private static Instant instant(Map<String, AttributeValue> item, String name) {
        return item.containsKey(name) ? Instant.parse(item.get(name).s()) : null;
    }

    private static Set<String> set(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || !v.hasSs() ? Set.of() : Set.copyOf(v.ss());
    }

    private static Map<String, AttributeValue> key(String storeId, String bookingId) {
        return Map.of(BookingsTableLayout.STORE_ID, AttributeValue.fromS(storeId), BookingsTableLayout.BOOKING_ID, AttributeValue.fromS(bookingId));
    }
}
