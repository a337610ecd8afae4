package dev.placenotify.model;

import java.time.Instant;

/**
 * A request to look a sent (or UNKNOWN) text up at SENS, on the delivery-check queue. The sender enqueues
 * the first one, delayed, after it recorded the outcome; the delivery check re-enqueues it with back-off
 * until the result is final or the deadline passes; an operator can enqueue one ({@code sends unknown
 * --check}). Idempotent: every effect is a conditional write on the key's idempotency record, so a copy
 * delivered twice, replayed or racing another changes nothing the first did not.
 *
 * @param purpose   RESULT: the carrier's result of an accepted request; EVIDENCE: whether SENS has an
 *                  UNKNOWN send at all
 * @param attempt   lookups made so far (0 for the first check)
 * @param sentAt    when the sender recorded the outcome: the lookups' time window and deadline count from it
 * @param notBefore the check is due at this moment; a copy that arrives earlier is delayed again without a
 *                  lookup (SQS delays a message by 15 minutes at most, the back-off goes to hours)
 */
public record DeliveryCheck(Integer schemaVersion, String runId, String key, Purpose purpose, Integer attempt,
                            Instant sentAt, Instant notBefore) implements RunScoped {
    public enum Purpose { RESULT, EVIDENCE }

    public DeliveryCheck {
        Required.schemaVersion(schemaVersion);
        Required.field(runId, "runId");
        Required.field(key, "key");
        Required.field(purpose, "purpose");
        Required.field(sentAt, "sentAt");
        attempt = attempt == null ? 0 : attempt;
        notBefore = notBefore == null ? sentAt : notBefore;
    }

    public static DeliveryCheck first(String runId, String key, Purpose purpose, Instant sentAt, Instant notBefore) {
        return new DeliveryCheck(Messages.SCHEMA_VERSION, runId, key, purpose, 0, sentAt, notBefore);
    }

    /** The next check of the same key, due at {@code due}. */
    public DeliveryCheck next(Purpose purpose, Instant due) {
        return new DeliveryCheck(schemaVersion, runId, key, purpose, attempt + 1, sentAt, due);
    }

    /** The same check, still due at {@code notBefore}: a hop of a delay longer than SQS's 15 minutes. */
    public DeliveryCheck waitingAgain() {
        return new DeliveryCheck(schemaVersion, runId, key, purpose, attempt, sentAt, notBefore);
    }
}
