package dev.placenotify.sender;

import dev.placenotify.model.OutcomeStatus;
import dev.placenotify.model.PersonalData;
import dev.placenotify.model.RunEvent;
import dev.placenotify.model.SmsJob;
import dev.placenotify.sender.budget.BudgetCheck;
import dev.placenotify.sender.optout.OptOutCache;
import dev.placenotify.shell.MessageResult;
import dev.placenotify.shell.QueuePublisher;
import dev.placenotify.shell.ReceivedMessage;
import dev.placenotify.shell.SqsBatchRunner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a batch of SMS jobs into at most one SENS delivery each, in phases (docs/sender.md, "Batching
 * and parallelism"): claim every job's idempotency key ({@link Claims}); hold back the jobs that must
 * follow one not yet finished ({@link DeliveryPlan#order}, {@link PredecessorWait}); settle without
 * SENS what may not or need not go and group the rest into SENS requests ({@link DeliveryPlan#triage});
 * make the requests ({@link SensDispatcher}); enqueue the waiting jobs' delayed copies and report every
 * outcome. What it did is collected in a {@link Batch}; what becomes of each message goes back to the
 * batch runner, which alone talks to the SMS queue about it.
 *
 * <p>The invocation is planned from the Lambda's remaining time ({@link Invocation}): no mark and SENS
 * call start unless they end before the finish reserve, no outcome is recorded unless the call ends
 * before the time kept for publishing, and every AWS call is bounded ({@link BoundedAwsClients}).
 *
 * <p>Work runs in parallel on {@code pool}, which must start a thread per task (virtual threads): the
 * stage bounds SENS and DynamoDB concurrency itself ({@link Parallel}), and a SENS task waits for the
 * completions it starts.
 */
public final class SendStage {
    private static final Logger LOG = LoggerFactory.getLogger(SendStage.class);

    private final Claims claims;
    private final SensDispatcher dispatcher;
    private final QueuePublisher results;
    private final QueuePublisher smsQueue;
    private final SenderConfig config;
    private final Clock clock;
    private final Parallel tasks;
    private final Parallel dynamo;
    private final SendMetrics metrics;
    private final dev.placenotify.sender.delivery.DeliveryChecks deliveryChecks;
    private final SendGuards guards;

    /**
     * @param smsQueue the sender's own input, for the delayed copies of jobs that wait for another
     * @param deliveryChecks enqueues the delayed delivery check of each SENT or UNKNOWN text; null for none
     */
    public SendStage(IdempotencyStore store, SensClient sens, SensCredentialsSource credentials, QueuePublisher results,
                     QueuePublisher smsQueue, SenderConfig config, Clock clock, ExecutorService pool, SendMetrics metrics,
                     OptOutCache optOut, BudgetCheck budget, dev.placenotify.sender.delivery.DeliveryChecks deliveryChecks) {
        this.deliveryChecks = deliveryChecks;
        this.results = results;
        this.smsQueue = smsQueue;
        this.config = config;
        this.clock = clock;
        this.metrics = metrics;
        this.tasks = Parallel.unbounded(pool);
        this.dynamo = Parallel.bounded(pool, config.dynamoParallelism());
        this.claims = new Claims(store, config, clock, dynamo);
        this.dispatcher = new SensDispatcher(sens, credentials, config, clock, claims, tasks,
                Parallel.bounded(pool, config.sensParallelism()));
        this.guards = new SendGuards(optOut, budget, claims, dynamo, clock);
    }

    /** Processes a batch; returns what becomes of each message that is not simply done. */
    public Map<String, MessageResult> handle(List<ReceivedMessage<SmsJob>> messages, Duration remaining) {
        Instant now = clock.instant();
        Invocation inv = Invocation.plan(remaining, now, config, new Batch(clock, config.maxReceives()));

        DeliveryPlan.Order order = DeliveryPlan.order(claimed(messages, claims.take(messages, now, inv), inv.batch()));
        List<ReceivedMessage<SmsJob>> ready = new ArrayList<>(order.ready());
        ready.addAll(whoseFirstIsFinished(order.afterOther(), inv.batch()));
        deliver(ready, inv);
        // A job whose predecessor is in this batch looks only once that one's request has been made.
        deliver(whoseFirstIsFinished(order.afterBatchMate(), inv.batch()), inv);

        boolean reported = finish(inv.batch(), messages.size());
        return inv.batch().results(messages, !reported, clock.instant(), config.retryLaterDelay());
    }

    /** The messages this invocation claimed; the others are settled by what their claim attempt found. */
    private static List<ReceivedMessage<SmsJob>> claimed(List<ReceivedMessage<SmsJob>> messages, List<ClaimResult> found,
                                                         Batch batch) {
        List<ReceivedMessage<SmsJob>> claimed = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            ReceivedMessage<SmsJob> m = messages.get(i);
            switch (found.get(i)) {
                case null -> { } // the claim itself failed; already handed back
                case ClaimResult.Claimed c -> claimed.add(m);
                case ClaimResult.Settled s -> batch.replay(m.body(), s.record());
                case ClaimResult.Busy b -> batch.retryLater(m, b.record() == null ? null : b.record().claimExpiresAt(),
                        "another sender holds the claim");
                case ClaimResult.PayloadMismatch p -> batch.outcome(m.body(), OutcomeStatus.FAILED, null,
                        "idempotency key " + m.body().idempotencyKey() + " was already used for a different message", false);
                case ClaimResult.Abandoned a -> batch.abandoned(m.body(), a.record());
            }
        }
        return claimed;
    }

    /**
     * The jobs that may go now: their predecessor has finished (any outcome: the order only keeps
     * the reminder from arriving first; a confirmation that failed or expired is no reason to hold
     * the reminder, which carries what the customer needs), or it can no longer settle by itself
     * ({@link PredecessorWait}), or the job itself is past its notAfter (it is then settled
     * EXPIRED). The others give their claim back and wait as a fresh, delayed copy of the message.
     */
    private List<ReceivedMessage<SmsJob>> whoseFirstIsFinished(List<ReceivedMessage<SmsJob>> waiting, Batch batch) {
        Instant now = clock.instant();
        List<Boolean> mayGo = dynamo.map(waiting, m -> mayGo(m.body(), now));
        List<ReceivedMessage<SmsJob>> go = new ArrayList<>();
        List<ReceivedMessage<SmsJob>> wait = new ArrayList<>();
        for (int i = 0; i < waiting.size(); i++) {
            (mayGo.get(i) ? go : wait).add(waiting.get(i));
        }
        claims.giveBack(wait, m -> batch.waitFor(m,
                PredecessorWait.nextLook(m.body(), now, config.retryLaterDelay(), config.afterKeyMaxWait())));
        return go;
    }

    private boolean mayGo(SmsJob job, Instant now) {
        if (job.expiredAt(now)) {
            return true;
        }
        try {
            if (claims.predecessorFinished(job, now)) {
                return true;
            }
        } catch (RuntimeException e) {
            // Not known to be finished: the job waits, and looks again later.
            LOG.warn("cannot read the record of {}, which {} waits for: {}", job.afterKey(), job.idempotencyKey(),
                    SqsBatchRunner.describe(e));
        }
        if (PredecessorWait.over(job, now, config.afterKeyMaxWait())) {
            LOG.warn("job {} goes without waiting longer for {}: it has not settled within {} of {} (in the sms DLQ?)",
                    job.idempotencyKey(), job.afterKey(), config.afterKeyMaxWait(), job.dueAt());
            return true;
        }
        return false;
    }

    private void deliver(List<ReceivedMessage<SmsJob>> claimed, Invocation inv) {
        if (claimed.isEmpty()) {
            return;
        }
        DeliveryPlan.Triage triage = DeliveryPlan.triage(claimed, clock.instant(), config.dryRun());
        for (ReceivedMessage<SmsJob> m : triage.wouldSend()) {
            SmsJob job = m.body();
            LOG.info("dry-run: would send {} {}/{} from {} to {}", job.idempotencyKey(), job.type(), job.contentType(),
                    job.from(), PersonalData.maskPhone(job.recipient()));
        }
        // Requests wait for SENS slots themselves; the pool starts them all at once.
        // Opt-outs and the budget decide last, on the jobs that would otherwise go now.
        List<PlannedRequest> requests = DeliveryPlan.requests(guards.admit(
                triage.requests().stream().flatMap(r -> r.jobs().stream()).toList(), inv));
        Future<?> sending = tasks.start(() -> tasks.forEach(requests, r -> dispatcher.dispatch(r, inv)));
        claims.settleAll(triage.settled(), inv);
        Parallel.await(sending);
    }

    /**
     * Enqueues the waiting jobs' delayed copies, then reports the outcomes (ten to a call, in
     * parallel) and emits metrics. Returns false when the outcomes could not be reported: the whole
     * batch then goes back to SQS, and its redelivery re-reports what was recorded.
     */
    private boolean finish(Batch batch, int size) {
        // Waiting jobs first: a copy that cannot be enqueued turns its message into a hand-back.
        List<QueuePublisher.Delayed> copies = batch.waitingCopies();
        if (!copies.isEmpty()) {
            try {
                smsQueue.publishDelayed(copies);
            } catch (RuntimeException e) {
                batch.waitingCopiesFailed("waits for its predecessor; its delayed copy could not be enqueued ("
                        + SqsBatchRunner.describe(e) + ")");
            }
        }
        try {
            List<RunEvent> events = batch.events();
            tasks.forEach(Parallel.chunks(events, 10), results::publishAll);
            if (deliveryChecks != null) {
                deliveryChecks.enqueueFor(events); // after the outcomes: a check finds them recorded
            }
            metrics.publish(batch.tally());
            return true;
        } catch (RuntimeException e) {
            LOG.error("batch of {} failed as a whole: {}", size, SqsBatchRunner.describe(e), e);
            return false;
        }
    }
}
