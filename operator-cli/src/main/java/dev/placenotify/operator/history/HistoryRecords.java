package dev.placenotify.operator.history;

import dev.placenotify.model.items.IdempotencyTableLayout;
import dev.placenotify.model.items.BookingsTableLayout;
import dev.placenotify.model.MessageCodec;
import dev.placenotify.model.PersonalData;
import dev.placenotify.model.SmsJob;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** What the pipeline stores about a booking and its texts, as history reads it (personal data already masked). */
final class HistoryRecords {
    private HistoryRecords() {}

    /** The planner's item in the bookings table: no name or phone, only what was decided and when. */
    record BookingItem(String storeId, String bookingId, String status, Instant startAt, Instant firstSeenAt,
                       Instant snapshotAt, Set<String> plannedKeys, Set<String> pendingKeys) {
        static BookingItem of(Map<String, AttributeValue> item) {
            return new BookingItem(s(item, BookingsTableLayout.STORE_ID), s(item, BookingsTableLayout.BOOKING_ID),
                    s(item, BookingsTableLayout.STATUS), instant(item, BookingsTableLayout.START_AT),
                    instant(item, BookingsTableLayout.FIRST_SEEN_AT), instant(item, BookingsTableLayout.SNAPSHOT_AT),
                    set(item, BookingsTableLayout.PLANNED_KEYS), set(item, BookingsTableLayout.PENDING_KEYS));
        }
    }

    /**
     * The sender's record of one key (the idempotency table): the job as planned, and the outcome once one was
     * recorded. {@code customer} and {@code phone} are masked here, at the edge, so nothing later can print them whole.
     */
    record SendItem(String key, String storeId, String bookingId, String rule, String label, String runId, Instant plannedFor,
                    Instant notAfter, String afterKey, String customer, String phone, String state, String outcome,
                    String error, Instant completedAt, Instant sendingAt, String providerRequestId, DeliveryFacts delivery) {
        SendItem(String key, String storeId, String bookingId, String rule, String label, String runId, Instant plannedFor,
                 Instant notAfter, String afterKey, String customer, String phone, String state, String outcome,
                 String error, Instant completedAt, Instant sendingAt, String providerRequestId) {
            this(key, storeId, bookingId, rule, label, runId, plannedFor, notAfter, afterKey, customer, phone, state, outcome, error,
                    completedAt, sendingAt, providerRequestId, DeliveryFacts.NONE);
        }

        static SendItem of(Map<String, AttributeValue> item) {
            SmsJob job = MessageCodec.decode(s(item, IdempotencyTableLayout.JOB), SmsJob.class);
            return new SendItem(s(item, IdempotencyTableLayout.KEY), job.storeId(), job.bookingId(), job.rule(), job.label(), job.runId(), job.dueAt(),
                    job.notAfter(), job.afterKey(), job.customer() == null ? null : PersonalData.maskName(job.customer()),
                    PersonalData.maskPhone(job.recipient()), s(item, IdempotencyTableLayout.STATE),
                    s(item, IdempotencyTableLayout.OUTCOME), s(item, IdempotencyTableLayout.ERROR),
                    instant(item, IdempotencyTableLayout.COMPLETED_AT), instant(item, IdempotencyTableLayout.SENDING_AT),
                    s(item, IdempotencyTableLayout.PROVIDER_REQUEST_ID),
                    new DeliveryFacts(s(item, IdempotencyTableLayout.DELIVERY), s(item, IdempotencyTableLayout.DELIVERY_CODE), s(item, IdempotencyTableLayout.DELIVERY_REASON),
                            instant(item, IdempotencyTableLayout.DELIVERY_CHECKED_AT), item.containsKey(IdempotencyTableLayout.DELIVERY_FINAL)
                                    && Boolean.TRUE.equals(item.get(IdempotencyTableLayout.DELIVERY_FINAL).bool()),
                            s(item, IdempotencyTableLayout.EVIDENCE), s(item, IdempotencyTableLayout.EVIDENCE_DETAIL), instant(item, IdempotencyTableLayout.EVIDENCE_AT), s(item, IdempotencyTableLayout.RESOLVED_FROM)));
        }
    }

    /**
     * What the delivery checks added to the record (the sender's {@code DeliveryRecords}, docs/sender.md): the carrier's
     * result of a sent text, and for an UNKNOWN send what SENS showed; all null before the first check.
     */
    record DeliveryFacts(String delivery, String code, String reason, Instant checkedAt, boolean finalResult, String evidence,
                         String evidenceDetail, Instant evidenceAt, String resolvedFrom) {
        static final DeliveryFacts NONE = new DeliveryFacts(null, null, null, null, false, null, null, null, null);
    }

    private static String s(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s();
    }

    private static Instant instant(Map<String, AttributeValue> item, String name) {
        String v = s(item, name);
        return v == null ? null : Instant.parse(v);
    }

    private static Set<String> set(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || !v.hasSs() ? Set.of() : Set.copyOf(v.ss());
    }

    /** The rule a key was planned by: {@code store:booking:RULE[:scope]}. */
    static String ruleOf(String key) {
        List<String> parts = List.of(key.split(":"));
        return parts.size() >= 3 ? parts.get(2) : key;
    }
}
