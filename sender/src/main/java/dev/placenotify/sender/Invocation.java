package dev.placenotify.sender;

import java.time.Duration;
import java.time.Instant;

/**
 * One invocation of the sender: its deadlines, planned from the Lambda's remaining time, and the batch
 * that collects what it did.
 *
 * @param sendBy     no mark and SENS call start unless they end before it: the Lambda's end minus the finish reserve
 * @param recordBy   no recording call starts unless it ends before it: the end minus one AWS call and a margin,
 *                   kept for publishing the outcomes
 * @param claimUntil every claim of the invocation lives until then, and completions keep it in the record
 */
record Invocation(Deadline sendBy, Deadline recordBy, Instant claimUntil, Batch batch) {
    /** A claim outlives its invocation by this much, so a crashed sender's claim can be taken over soon after. */
    static final Duration CLAIM_MARGIN = Duration.ofSeconds(5);

    static Invocation plan(Duration remaining, Instant now, SenderConfig config, Batch batch) {
        return new Invocation(Deadline.in(remaining.minus(config.finishReserve())),
                Deadline.in(remaining.minus(config.awsCallTimeout()).minus(SenderConfig.PUBLISH_MARGIN)),
                now.plus(remaining).plus(CLAIM_MARGIN), batch);
    }
}
