package dev.placenotify.operator.sends;

import dev.placenotify.model.OutcomeStatus;
import dev.placenotify.model.items.IdempotencyRecord;
import dev.placenotify.model.items.IdempotencyTableLayout;
import dev.placenotify.shell.IdempotencyItem;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A sender idempotency item as the CLI handles it: the record the sender reads ({@link IdempotencyRecord}, layout in
 * {@link IdempotencyTableLayout}) and the whole item, every attribute kept for the audit copy and a restore. A SENDING
 * claim that expired belongs to a sender that died after its SENS request may have left: the next delivery of the job
 * records it UNKNOWN, never sends it again.
 */
public record StoredSend(IdempotencyRecord record, Map<String, AttributeValue> item) {
    static StoredSend of(Map<String, AttributeValue> item) {
        return new StoredSend(IdempotencyItem.record(item), Map.copyOf(item));
    }

    public String key() {
        return record.key();
    }

    public String state() {
        return record.state().name();
    }

    public String outcome() {
        return record.outcome() == null ? null : record.outcome().name();
    }

    public String payloadHash() {
        return record.payloadHash();
    }

    public String runId() {
        return record.runId();
    }

    public String storeId() {
        return IdempotencyItem.str(item, IdempotencyTableLayout.STORE_ID);
    }

    public String kind() {
        return IdempotencyItem.str(item, IdempotencyTableLayout.RULE);
    }

    public String jobJson() {
        return record.jobJson();
    }

    public String error() {
        return record.error();
    }

    public String completedAt() {
        return IdempotencyItem.str(item, IdempotencyTableLayout.COMPLETED_AT);
    }

    public boolean completed() {
        return record.settled();
    }

    public boolean unknown() {
        return completed() && record.outcome() == OutcomeStatus.UNKNOWN;
    }

    /** Its sender died after the SENS request may have left; no answer was recorded, none will be sent again. */
    public boolean abandonedWhileSending(Instant now) {
        return record.abandonedWhileSending(now);
    }

    @Override
    public String toString() {
        return "StoredSend[" + key() + " " + state() + " " + outcome() + "]"; // no job: it holds personal data
    }
}
