package dev.placenotify.operator.history;

import dev.placenotify.model.items.IdempotencyTableLayout;
import dev.placenotify.model.items.BookingsTableLayout;
import dev.placenotify.model.Messages;
import dev.placenotify.operator.history.HistoryRecords.BookingItem;
import dev.placenotify.operator.history.HistoryRecords.SendItem;
import dev.placenotify.shell.HistoryKeys;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Read-only look-ups for {@code history}: single items and Queries only, never a scan. A booking's send records
 * and a phone's come from the idempotency table's {@code byBooking} and {@code byPhone} indexes; a store's
 * bookings of a day from the bookings table's partition for that store.
 */
final class HistoryReader {
    private final DynamoDbClient dynamo;
    private final String bookings;
    private final String idempotency;

    HistoryReader(DynamoDbClient dynamo, String bookings, String idempotency) {
        this.dynamo = dynamo;
        this.bookings = bookings;
        this.idempotency = idempotency;
    }

    Optional<BookingItem> booking(String storeId, String bookingId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(bookings).consistentRead(true)
                .key(Map.of(BookingsTableLayout.STORE_ID, AttributeValue.fromS(storeId), BookingsTableLayout.BOOKING_ID,
                        AttributeValue.fromS(bookingId)))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(BookingItem.of(item));
    }

    List<SendItem> sendsOfBooking(String storeId, String bookingId) {
        return sends(IdempotencyTableLayout.BY_BOOKING, IdempotencyTableLayout.BOOKING_REF, HistoryKeys.bookingRef(storeId, bookingId));
    }

    List<SendItem> sendsOfPhone(String phone) {
        return sends(IdempotencyTableLayout.BY_PHONE, IdempotencyTableLayout.PHONE_HASH, HistoryKeys.phoneHash(phone));
    }

    /** The store's bookings starting on {@code date} (KST) that the planner still keeps. */
    List<BookingItem> bookingsOn(String storeId, LocalDate date) {
        String from = date.atStartOfDay(Messages.KST).toInstant().toString();
        String to = date.plusDays(1).atStartOfDay(Messages.KST).toInstant().toString();
        List<BookingItem> out = new ArrayList<>();
        QueryRequest request = QueryRequest.builder().tableName(bookings).consistentRead(true)
                .keyConditionExpression(BookingsTableLayout.STORE_ID + " = :s")
                .filterExpression(BookingsTableLayout.START_AT + " >= :from AND " + BookingsTableLayout.START_AT + " < :to")
                .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(storeId), ":from", AttributeValue.fromS(from),
                        ":to", AttributeValue.fromS(to))).build();
        dynamo.queryPaginator(request).items().forEach(i -> out.add(BookingItem.of(i)));
        return out;
    }

    private List<SendItem> sends(String index, String attribute, String value) {
        List<SendItem> out = new ArrayList<>();
        QueryRequest request = QueryRequest.builder().tableName(idempotency).indexName(index)
                .keyConditionExpression("#a = :v").expressionAttributeNames(Map.of("#a", attribute))
                .expressionAttributeValues(Map.of(":v", AttributeValue.fromS(value))).build();
        dynamo.queryPaginator(request).items().forEach(i -> {
            if (i.containsKey(IdempotencyTableLayout.JOB)) {
                out.add(SendItem.of(i));
            }
        });
        return out;
    }
}
