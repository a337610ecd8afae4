package dev.placenotify.operator.sends;

import dev.placenotify.model.items.IdempotencyTableLayout;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The reads and the three writes the CLI makes on the sender's idempotency table. The sender claims a key
 * with "attribute_not_exists(key) OR an expired IN_PROGRESS claim with the same payload", so the only way to
 * let it send an UNKNOWN job again is to remove the record; the CLI keeps a copy in an audit item first.
 */
public final class IdempotencyItems {
    public static final String AUDIT_PREFIX = "audit#";
    /** The full copy of a resent record (personal data) lives under its own prefix, beside the audit item. */
    public static final String PERSONAL_PREFIX = "personal#";
    /** Audit items outlive the records they describe (30 days) so a resend can be traced for a year. */
    static final Duration AUDIT_RETENTION = Duration.ofDays(365);

    private final DynamoDbClient dynamo;
    private final String table;

    public IdempotencyItems(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    public Optional<StoredSend> find(String key) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(key(key))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(StoredSend.of(item));
    }

    /**
     * Every record whose outcome is UNKNOWN, and every claim abandoned while sending (its next delivery will
     * record it UNKNOWN), optionally of one run, oldest first.
     */
    public List<StoredSend> unknown(Optional<String> runId, Instant now) {
        List<StoredSend> found = new ArrayList<>();
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":unknown", AttributeValue.fromS("UNKNOWN"));
        values.put(":sending", AttributeValue.fromS("SENDING"));
        runId.ifPresent(r -> values.put(":run", AttributeValue.fromS(r)));
        String filter = "(" + IdempotencyTableLayout.OUTCOME + " = :unknown OR #st = :sending)"
                + (runId.isPresent() ? " AND " + IdempotencyTableLayout.RUN_ID + " = :run" : "");
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            var page = dynamo.scan(b -> b.tableName(table).exclusiveStartKey(from).filterExpression(filter)
                    .expressionAttributeNames(Map.of("#st", IdempotencyTableLayout.STATE)).expressionAttributeValues(values));
            page.items().stream().map(StoredSend::of).filter(r -> r.unknown() || r.abandonedWhileSending(now))
                    .forEach(found::add);
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        found.sort(Comparator.comparing(r -> r.completedAt() == null ? "" : r.completedAt()));
        return found;
    }

    /**
     * Writes the audit of a resend: a year-long item that says who resent what and when, with no personal data
     * (the previous record's facts, the recipient masked, the text as a hash), and a copy of the whole previous
     * record (phone number and text) that expires when that record would have, within the personal-data TTL.
     * Returns the audit item's key.
     */
    public String writeAudit(StoredSend previous, String who, Instant at) {
        String auditKey = AUDIT_PREFIX + previous.key() + "#" + at;
        String personalKey = PERSONAL_PREFIX + previous.key() + "#" + at;
        Instant personalExpiry = ResendAudit.personalCopyExpiry(previous, at);
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(IdempotencyTableLayout.KEY, AttributeValue.fromS(auditKey));
        item.put("auditOf", AttributeValue.fromS(previous.key()));
        item.put("action", AttributeValue.fromS("RESEND"));
        item.put(IdempotencyTableLayout.RESENT_BY, AttributeValue.fromS(who));
        item.put(IdempotencyTableLayout.RESENT_AT, AttributeValue.fromS(at.toString()));
        item.put("result", AttributeValue.fromS("AUTHORIZED"));
        item.put("previous", AttributeValue.fromM(ResendAudit.withoutPersonalData(previous)));
        item.put("personalCopy", AttributeValue.fromS(personalKey));
        item.put("personalCopyExpiresAt", AttributeValue.fromS(personalExpiry.toString()));
        item.put(IdempotencyTableLayout.EXPIRES_AT, AttributeValue.fromN(Long.toString(at.plus(AUDIT_RETENTION).getEpochSecond())));
        dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(#k)")
                .expressionAttributeNames(Map.of("#k", IdempotencyTableLayout.KEY)));
        Map<String, AttributeValue> copy = new HashMap<>();
        copy.put(IdempotencyTableLayout.KEY, AttributeValue.fromS(personalKey));
        copy.put("auditKey", AttributeValue.fromS(auditKey));
        copy.put("previous", AttributeValue.fromM(previous.item()));
        copy.put(IdempotencyTableLayout.EXPIRES_AT, AttributeValue.fromN(Long.toString(personalExpiry.getEpochSecond())));
        dynamo.putItem(b -> b.tableName(table).item(copy));
        return auditKey;
    }

    /** Records how the resend ended: ENQUEUED (with the SQS message id) or ABORTED (with why). */
    public void finishAudit(String auditKey, String result, String detail) {
        dynamo.updateItem(b -> b.tableName(table).key(key(auditKey))
                .updateExpression("SET #r = :r, detail = :d")
                .expressionAttributeNames(Map.of("#r", "result"))
                .expressionAttributeValues(Map.of(":r", AttributeValue.fromS(result), ":d", AttributeValue.fromS(detail))));
    }

    /**
     * Removes the record if it still is the UNKNOWN one that was read (same payload): after this the
     * sender's next claim of the key succeeds, once. Returns false when the record changed meanwhile.
     */
    public boolean deleteUnknown(StoredSend seen) {
        try {
            dynamo.deleteItem(b -> b.tableName(table).key(key(seen.key()))
                    .conditionExpression("#st = :done AND " + IdempotencyTableLayout.OUTCOME + " = :unknown AND "
                            + IdempotencyTableLayout.PAYLOAD_HASH + " = :h")
                    .expressionAttributeNames(Map.of("#st", IdempotencyTableLayout.STATE))
                    .expressionAttributeValues(Map.of(":done", AttributeValue.fromS("COMPLETED"),
                            ":unknown", AttributeValue.fromS("UNKNOWN"), ":h", AttributeValue.fromS(seen.payloadHash()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** Puts a deleted record back when its job could not be enqueued, unless a sender claimed the key meanwhile. */
    public boolean restore(StoredSend previous) {
        try {
            dynamo.putItem(b -> b.tableName(table).item(previous.item()).conditionExpression("attribute_not_exists(#k)")
                    .expressionAttributeNames(Map.of("#k", IdempotencyTableLayout.KEY)));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static Map<String, AttributeValue> key(String key) {
        return Map.of(IdempotencyTableLayout.KEY, AttributeValue.fromS(key));
    }
}
