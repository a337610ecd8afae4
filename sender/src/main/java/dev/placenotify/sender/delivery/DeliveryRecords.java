package dev.placenotify.sender.delivery;

import static dev.placenotify.model.items.IdempotencyTableLayout.DELIVERY;
import static dev.placenotify.model.items.IdempotencyTableLayout.DELIVERY_CODE;
import static dev.placenotify.model.items.IdempotencyTableLayout.DELIVERY_REASON;
import static dev.placenotify.model.items.IdempotencyTableLayout.DELIVERY_TELCO;
import static dev.placenotify.model.items.IdempotencyTableLayout.DELIVERY_FINAL;
import static dev.placenotify.model.items.IdempotencyTableLayout.DELIVERY_ATTEMPTS;
import static dev.placenotify.model.items.IdempotencyTableLayout.DELIVERY_CHECKED_AT;
import static dev.placenotify.model.items.IdempotencyTableLayout.EVIDENCE;
import static dev.placenotify.model.items.IdempotencyTableLayout.EVIDENCE_DETAIL;
import static dev.placenotify.model.items.IdempotencyTableLayout.EVIDENCE_ATTEMPTS;
import static dev.placenotify.model.items.IdempotencyTableLayout.EVIDENCE_AT;
import static dev.placenotify.model.items.IdempotencyTableLayout.RESOLVED_FROM;

import dev.placenotify.model.items.IdempotencyTableLayout;
import dev.placenotify.model.DeliveryStatus;
import dev.placenotify.model.MessageCodec;
import dev.placenotify.model.OutcomeStatus;
import dev.placenotify.model.SmsJob;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The delivery checks' reads and writes on the sender's idempotency records. Every write is one
 * conditional {@code UpdateItem} of the check's own attributes (never the sender's), so a check delivered
 * twice, or two racing, cannot move a record backwards: a final delivery result is never overwritten, an
 * UNKNOWN is turned into SENT or marked absent only while it is still UNKNOWN, and a record an operator
 * removed to resend is not recreated. The item's {@code expiresAt} (the personal-data TTL) is left as the
 * sender set it.
 */
public final class DeliveryRecords {
    private final DynamoDbClient dynamo;
    private final String table;

    public DeliveryRecords(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    public Optional<DeliveryRecord> find(String key) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(key(key))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toRecord(item));
    }

    static DeliveryRecord toRecord(Map<String, AttributeValue> item) {
        String job = s(item, IdempotencyTableLayout.JOB);
        return new DeliveryRecord(s(item, IdempotencyTableLayout.KEY), "COMPLETED".equals(s(item, IdempotencyTableLayout.STATE)),
                item.containsKey(IdempotencyTableLayout.OUTCOME) ? OutcomeStatus.valueOf(s(item, IdempotencyTableLayout.OUTCOME)) : null, s(item, IdempotencyTableLayout.PROVIDER_REQUEST_ID),
                job == null ? null : MessageCodec.decode(job, SmsJob.class),
                item.containsKey(DELIVERY) ? DeliveryStatus.valueOf(s(item, DELIVERY)) : null,
                s(item, DELIVERY_CODE), s(item, DELIVERY_REASON), s(item, DELIVERY_TELCO),
                item.containsKey(DELIVERY_FINAL) && Boolean.TRUE.equals(item.get(DELIVERY_FINAL).bool()),
                n(item, DELIVERY_ATTEMPTS), item.containsKey(DELIVERY_CHECKED_AT) ? Instant.parse(s(item, DELIVERY_CHECKED_AT)) : null,
                item.containsKey(EVIDENCE) ? DeliveryRecord.Evidence.valueOf(s(item, EVIDENCE)) : null, s(item, EVIDENCE_DETAIL),
                n(item, EVIDENCE_ATTEMPTS), s(item, RESOLVED_FROM));
    }

    /**
     * Records a look at an accepted send's result: a final one ends the checks ({@code deliveryFinal}),
     * PENDING counts the look; {@code giveUp} ends them with the result still PENDING (the deadline). False
     * when the record is gone, not a SENT one, or its result was already final.
     */
    public boolean recordDelivery(String key, DeliveryResult result, boolean giveUp, Instant at) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":d", str(result.status().name()));
        values.put(":final", AttributeValue.fromBool(result.status().isFinal() || giveUp));
        values.put(":at", str(at.toString()));
        values.put(":one", AttributeValue.fromN("1"));
        values.put(":sent", str(OutcomeStatus.SENT.name()));
        values.put(":true", AttributeValue.fromBool(true));
        StringBuilder set = new StringBuilder("SET " + DELIVERY + " = :d, " + DELIVERY_FINAL + " = :final, "
                + DELIVERY_CHECKED_AT + " = :at");
        optional(set, values, DELIVERY_CODE, ":code", result.carrierCode());
        optional(set, values, DELIVERY_REASON, ":reason", result.reason());
        optional(set, values, DELIVERY_TELCO, ":telco", result.telco());
        return update(key, set + " ADD " + DELIVERY_ATTEMPTS + " :one",
                "outcome = :sent AND (attribute_not_exists(" + DELIVERY_FINAL + ") OR " + DELIVERY_FINAL + " <> :true)", values);
    }

    /** An UNKNOWN send SENS has after all: now SENT, with SENS's request id and the evidence. */
    public boolean resolveAsSent(String key, String requestId, String evidence, Instant at) {
        return update(key, "SET outcome = :sent, providerRequestId = :rid, " + EVIDENCE + " = :found, " + EVIDENCE_DETAIL
                        + " = :ev, " + EVIDENCE_AT + " = :at, " + RESOLVED_FROM + " = :unknown ADD " + EVIDENCE_ATTEMPTS + " :one",
                "outcome = :unknown", Map.of(":sent", str(OutcomeStatus.SENT.name()), ":rid", str(requestId),
                        ":found", str(DeliveryRecord.Evidence.FOUND.name()), ":ev", str(evidence), ":at", str(at.toString()),
                        ":unknown", str(OutcomeStatus.UNKNOWN.name()), ":one", AttributeValue.fromN("1")));
    }

    /** An UNKNOWN send SENS proved not to have: it stays UNKNOWN (an operator decides), with the evidence. */
    public boolean recordAbsent(String key, String evidence, Instant at) {
        return recordEvidence(key, DeliveryRecord.Evidence.ABSENT, evidence, at);
    }

    /** A look for an UNKNOWN send that settled nothing (SENS has nothing yet, or could not be asked). */
    public boolean recordEvidencePending(String key, String detail, Instant at) {
        return recordEvidence(key, DeliveryRecord.Evidence.PENDING, detail, at);
    }

    private boolean recordEvidence(String key, DeliveryRecord.Evidence evidence, String detail, Instant at) {
        return update(key, "SET " + EVIDENCE + " = :e, " + EVIDENCE_DETAIL + " = :ev, " + EVIDENCE_AT + " = :at ADD "
                        + EVIDENCE_ATTEMPTS + " :one",
                "outcome = :unknown AND (attribute_not_exists(" + EVIDENCE + ") OR " + EVIDENCE + " = :pending)",
                Map.of(":e", str(evidence.name()), ":ev", str(detail), ":at", str(at.toString()),
                        ":unknown", str(OutcomeStatus.UNKNOWN.name()), ":pending", str(DeliveryRecord.Evidence.PENDING.name()),
                        ":one", AttributeValue.fromN("1")));
    }

    private boolean update(String key, String expression, String condition, Map<String, AttributeValue> values) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(key)).updateExpression(expression)
                    .conditionExpression("attribute_exists(#k) AND #st = :completed AND " + condition)
                    .expressionAttributeNames(Map.of("#k", IdempotencyTableLayout.KEY, "#st", IdempotencyTableLayout.STATE))
                    .expressionAttributeValues(with(values, ":completed", str("COMPLETED"))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static Map<String, AttributeValue> with(Map<String, AttributeValue> values, String name, AttributeValue v) {
        Map<String, AttributeValue> all = new HashMap<>(values);
        all.put(name, v);
        return all;
    }

    private static void optional(StringBuilder set, Map<String, AttributeValue> values, String attribute, String name, String v) {
        if (v != null && !v.isBlank()) {
            set.append(", ").append(attribute).append(" = ").append(name);
            values.put(name, str(v));
        }
    }

    private static Map<String, AttributeValue> key(String key) {
        return Map.of(IdempotencyTableLayout.KEY, str(key));
    }

    private static AttributeValue str(String v) {
        return AttributeValue.fromS(v);
    }

    private static String s(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s();
    }

    private static int n(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || v.n() == null ? 0 : Integer.parseInt(v.n());
    }
}
