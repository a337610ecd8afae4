package dev.placenotify.sender;

import dev.placenotify.model.OutcomeStatus;
import dev.placenotify.model.PersonalData;
import dev.placenotify.model.SmsJob;
import dev.placenotify.shell.ReceivedMessage;
import dev.placenotify.shell.SqsBatchRunner;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sender's work on its idempotency records ({@link IdempotencyStore}) during an invocation: a claim
 * on each job's key before anything else, the mark SENDING just before its request is written, the
 * outcome once known, and the claim given back when SENS proved it sent nothing. A table that fails
 * never makes a job go: a claim not taken or not marked is handed back unsent; an outcome not recorded
 * is still reported (the record stays SENDING, so a later copy is UNKNOWN rather than sent).
 */
final class Claims {
    private static final Logger LOG = LoggerFactory.getLogger(Claims.class);
    static final String DRY_RUN_PREFIX = "dry-run:";
    private static final int PER_WRITE = 25;

    private final IdempotencyStore store;
    private final SenderConfig config;
    private final Clock clock;
    private final Parallel dynamo;

    /** @param dynamo bounds the calls in flight to the table */
    Claims(IdempotencyStore store, SenderConfig config, Clock clock, Parallel dynamo) {
        this.store = store;
        this.config = config;
        this.clock = clock;
        this.dynamo = dynamo;
    }

    String keyOf(SmsJob job) {
        // Dry-run records live under their own keys, so shadowing never blocks the real sends later.
        return config.dryRun() ? DRY_RUN_PREFIX + job.idempotencyKey() : job.idempotencyKey();
    }

    /** Claims every message's key, in parallel; null for a message whose claim failed (it is handed back). */
    List<ClaimResult> take(List<ReceivedMessage<SmsJob>> messages, Instant now, Invocation inv) {
        return dynamo.map(messages, m -> {
            try {
                return store.claim(keyOf(m.body()), m.body(), now, inv.claimUntil());
            } catch (RuntimeException e) {
                // Not claimed (or claimed without knowing): either way nothing was sent, and a claim we hold
                // unknowingly expires and is taken over by the redelivery.
                inv.batch().giveBack(m, "cannot claim the idempotency key: " + SqsBatchRunner.describe(e));
                return null;
            }
        });
    }

    /**
     * Whether the job's {@code afterKey} has finished: settled, or abandoned while sending (it becomes
     * UNKNOWN). Throws when the table cannot say.
     */
    boolean predecessorFinished(SmsJob job, Instant now) {
        String key = config.dryRun() ? DRY_RUN_PREFIX + job.afterKey() : job.afterKey();
        return store.find(key).map(r -> r.finishedAt(now)).orElse(false);
    }

    /**
     * Marks the claims SENDING before their request is written, so that from now on a sender that
     * stops (crash, timeout, a table too slow to record the answer) leaves "may have been sent"
     * behind, never a free key. Jobs that cannot be marked, or whose mark and call would not end
     * before the deadline, are given back unsent. Returns the jobs that may be sent.
     */
    List<ReceivedMessage<SmsJob>> markSending(List<ReceivedMessage<SmsJob>> jobs, Invocation inv) {
        Set<String> marked = new HashSet<>();
        Map<String, String> unsent = new HashMap<>();
        if (!inv.sendBy().allows(config.awsCallTimeout().plus(config.sensCallBudget()))) {
            jobs.forEach(m -> unsent.put(m.messageId(), "not enough time left in this invocation for a SENS call"));
        } else {
            // One BatchWriteItem per 25, in parallel: a request of 100 is marked in one round trip.
            Instant at = clock.instant();
            dynamo.forEach(Parallel.chunks(jobs, PER_WRITE), chunk -> {
                String why = "DynamoDB left the claim unprocessed when marking it as sending; not sent";
                Set<String> done = Set.of();
                try {
                    done = store.markSending(chunk.stream()
                            .map(m -> new IdempotencyStore.Sending(keyOf(m.body()), m.body(), inv.claimUntil())).toList(), at);
                } catch (RuntimeException e) {
                    why = "cannot mark the claim as sending: " + SqsBatchRunner.describe(e) + "; not sent";
                }
                synchronized (marked) {
                    marked.addAll(done);
                    for (ReceivedMessage<SmsJob> m : chunk) {
                        if (!done.contains(keyOf(m.body()))) {
                            unsent.put(m.messageId(), why);
                        }
                    }
                }
            });
        }
        List<ReceivedMessage<SmsJob>> go = new ArrayList<>();
        List<ReceivedMessage<SmsJob>> back = new ArrayList<>();
        for (ReceivedMessage<SmsJob> m : jobs) {
            (marked.contains(keyOf(m.body())) ? go : back).add(m);
        }
        giveBack(back, m -> inv.batch().giveBack(m, unsent.get(m.messageId())));
        return go;
    }

    /** Records outcomes, a BatchWriteItem per 25, in parallel, and reports them. */
    void settleAll(List<Settlement> settlements, Invocation inv) {
        dynamo.forEach(Parallel.chunks(settlements, PER_WRITE), chunk -> settle(chunk, inv));
    }

    private void settle(List<Settlement> chunk, Invocation inv) {
        try {
            store.completeAll(chunk.stream().map(s -> new IdempotencyStore.Completion(keyOf(s.message().body()),
                    s.message().body(), inv.claimUntil(), s.status(), s.requestId(), s.error())).toList(), clock.instant(),
                    inv.recordBy(), config.awsCallTimeout());
        } catch (RuntimeException e) {
            // The outcomes stand whatever the table says, and are reported. A job that went to SENS is
            // marked SENDING, so a later copy finds "may have been sent" and records UNKNOWN; handing the
            // message back instead would only turn a known outcome into that unknown one.
            LOG.error("{} outcomes could not be recorded in the idempotency table: {}", chunk.size(), SqsBatchRunner.describe(e));
        }
        for (Settlement s : chunk) {
            SmsJob job = s.message().body();
            inv.batch().outcome(job, s.status(), s.requestId(), s.error(), false);
            if (s.status() != OutcomeStatus.SENT) {
                LOG.warn("job {} to {}: {} {}", job.idempotencyKey(), PersonalData.maskPhone(job.recipient()), s.status(), s.error());
            }
        }
    }

    /**
     * Gives the claims back (SENS certainly did not act on them, or nothing was sent yet), in parallel,
     * then hands each message to {@code then}: back to SQS, or waiting as a delayed copy.
     */
    void giveBack(List<ReceivedMessage<SmsJob>> jobs, Consumer<ReceivedMessage<SmsJob>> then) {
        dynamo.forEach(jobs, m -> {
            release(m);
            then.accept(m);
        });
    }

    private void release(ReceivedMessage<SmsJob> m) {
        try {
            store.release(keyOf(m.body()));
        } catch (RuntimeException e) {
            // The claim then simply expires; the redelivery waits for that.
            LOG.warn("could not release the claim of {}: {}", m.body().idempotencyKey(), SqsBatchRunner.describe(e));
        }
    }
}
