package dev.placenotify.model.items;

import dev.placenotify.model.OutcomeStatus;
import java.time.Instant;

/**
 * A job's idempotency record. IN_PROGRESS is a claim on which no SENS request has left yet: when it
 * expires (a crashed sender), another sender may take it over and send. SENDING is a claim whose SENS
 * request may have left (written just before the request): when it expires, nobody sends again, the
 * next sender records UNKNOWN. COMPLETED is final and carries the outcome.
 */
public record IdempotencyRecord(String key, State state, OutcomeStatus outcome, String payloadHash,
                                Instant claimExpiresAt, String providerRequestId, String error, String runId,
                                String jobJson, String resentBy, Instant resentAt, Instant sendingAt) {
    public enum State { IN_PROGRESS, SENDING, COMPLETED }

    public boolean settled() {
        return state == State.COMPLETED;
    }

    /** A SENDING claim whose sender is gone: its request may have reached SENS, and no answer was recorded. */
    public boolean abandonedWhileSending(Instant now) {
        return state == State.SENDING && claimExpiresAt != null && claimExpiresAt.isBefore(now);
    }

    /** Nothing more will happen to the key by itself: settled, or abandoned while sending (it becomes UNKNOWN). */
    public boolean finishedAt(Instant now) {
        return settled() || abandonedWhileSending(now);
    }
}
