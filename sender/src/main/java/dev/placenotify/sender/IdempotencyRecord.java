package dev.placenotify.sender;

import dev.placenotify.model.OutcomeStatus;
import java.time.Instant;

/**
 * A job's idempotency record. IN_PROGRESS is a claim that expires (a crashed sender's claim can be
 * taken over); COMPLETED is final and carries the outcome.
 */
public record IdempotencyRecord(String key, State state, OutcomeStatus outcome, String payloadHash,
                                Instant claimExpiresAt, String providerRequestId, String error, String runId,
                                String jobJson, String resentBy, Instant resentAt) {
    public enum State { IN_PROGRESS, COMPLETED }

    public boolean settled() {
        return state == State.COMPLETED;
    }
}
