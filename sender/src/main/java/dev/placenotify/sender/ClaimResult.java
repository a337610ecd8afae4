package dev.placenotify.sender;

import dev.placenotify.model.items.IdempotencyRecord;

/** What claiming a job's idempotency key found. */
public sealed interface ClaimResult {
    /** This sender owns the key until the claim expires: it may call SENS. */
    record Claimed() implements ClaimResult {}

    /** The key is settled: acknowledge without sending. */
    record Settled(IdempotencyRecord record) implements ClaimResult {}

    /** Another sender holds a live claim: try again later, do not send. */
    record Busy(IdempotencyRecord record) implements ClaimResult {}

    /** The key was used for a different payload: an error, never a send. */
    record PayloadMismatch(IdempotencyRecord record) implements ClaimResult {}

    /**
     * A sender marked the key SENDING and stopped before recording SENS's answer (its claim expired):
     * the text may have gone out. This claim attempt has recorded it as UNKNOWN; it is never sent again
     * automatically. {@code record} is the record as it was found.
     */
    record Abandoned(IdempotencyRecord record) implements ClaimResult {}
}
