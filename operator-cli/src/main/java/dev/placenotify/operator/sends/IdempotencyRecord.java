package dev.placenotify.operator.sends;

import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A sender idempotency item (pk {@code key}): {@code state} IN_PROGRESS|SENDING|COMPLETED, {@code outcome}
 * SENT|FAILED|SKIPPED|UNKNOWN|EXPIRED, {@code payloadHash}, {@code claimExpiresAt}, {@code job} (the SmsJob
 * JSON: personal data), and what the sender recorded about the send. {@code item} keeps every attribute,
 * for the audit copy and a restore. A SENDING claim that expired belongs to a sender that died after its
 * SENS request may have left: the next delivery of the job records it UNKNOWN, never sends it again.
 */
public record IdempotencyRecord(String key, String state, String outcome, String payloadHash, String runId,
                                String storeId, String kind, String jobJson, String error, String completedAt,
                                String providerRequestId, Map<String, AttributeValue> item) {
    public boolean completed() {
        return "COMPLETED".equals(state);
    }

    public boolean unknown() {
        return completed() && "UNKNOWN".equals(outcome);
    }

    /** Its sender died after the SENS request may have left; no answer was recorded, none will be sent again. */
    public boolean abandonedWhileSending(Instant now) {
        AttributeValue expires = item.get("claimExpiresAt");
        return "SENDING".equals(state) && expires != null && expires.n() != null
                && Instant.ofEpochMilli(Long.parseLong(expires.n())).isBefore(now);
    }

    static IdempotencyRecord of(Map<String, AttributeValue> item) {
        return new IdempotencyRecord(str(item, "key"), str(item, "state"), str(item, "outcome"), str(item, "payloadHash"),
                str(item, "runId"), str(item, "storeId"), str(item, "kind"), str(item, "job"), str(item, "error"),
                str(item, "completedAt"), str(item, "providerRequestId"), Map.copyOf(item));
    }

    private static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s();
    }

    @Override
    public String toString() {
        return "IdempotencyRecord[" + key + " " + state + " " + outcome + "]"; // no job: it holds personal data
    }
}
