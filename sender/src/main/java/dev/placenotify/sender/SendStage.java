package dev.placenotify.sender;

import dev.placenotify.model.Alert;
import dev.placenotify.model.AlertCause;
import dev.placenotify.model.ContentType;
import dev.placenotify.model.OutcomeStatus;
import dev.placenotify.model.PersonalData;
import dev.placenotify.model.RunEvent;
import dev.placenotify.model.SendOutcome;
import dev.placenotify.model.SmsJob;
import dev.placenotify.model.SmsType;
import dev.placenotify.shell.MessageResult;
import dev.placenotify.shell.QueuePublisher;
import dev.placenotify.shell.ReceivedMessage;
import dev.placenotify.shell.SqsBatchRunner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.TreeMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a batch of SMS jobs into at most one SENS delivery each. Every job is claimed on its
 * idempotency key, and the claim is marked SENDING before its request is written; answers are
 * classified; only failures SENS certainly did not act on are retried. A request whose answer was
 * lost, or whose sender stopped before recording it, is UNKNOWN and never sent again automatically.
 *
 * <p>The invocation is planned from the Lambda's remaining time: no mark and SENS call start unless
 * they end before the finish reserve, no outcome is recorded unless the call ends before the time
 * kept for publishing, and every AWS call is bounded ({@link BoundedAwsClients}).
 *
 * <p>Claims, completions and SENS requests run in parallel on {@code pool}, which must start a thread
 * per task (virtual threads): the stage bounds concurrency itself, per resource, with semaphores, and
 * a SENS task waits for the completions it starts.
 */
public final class SendStage {
    private static final Logger LOG = LoggerFactory.getLogger(SendStage.class);
    static final String DRY_RUN_PREFIX = "dry-run:";
    /** A claim outlives its invocation by this much, so a crashed sender's claim can be taken over soon after. */
    static final Duration CLAIM_MARGIN = Duration.ofSeconds(5);
    private static final int COMPLETIONS_PER_WRITE = 25;

    private final IdempotencyStore store;
    private final SensClient sens;
    private final SensCredentialsSource credentials;
    private final QueuePublisher results;
    private final QueuePublisher smsQueue;
    private final SenderConfig config;
    private final Clock clock;
    private final ExecutorService pool;
    private final Semaphore sensSlots;
    private final Semaphore dynamoSlots;
    private final SendMetrics metrics;

    public SendStage(IdempotencyStore store, SensClient sens, SensCredentialsSource credentials, QueuePublisher results,
                     QueuePublisher smsQueue, SenderConfig config, Clock clock, ExecutorService pool, SendMetrics metrics) {
        this.store = store;
        this.sens = sens;
        this.credentials = credentials;
        this.results = results;
        this.smsQueue = smsQueue;
        this.config = config;
        this.clock = clock;
        this.pool = pool;
        this.metrics = metrics;
        this.sensSlots = new Semaphore(config.sensParallelism());
        this.dynamoSlots = new Semaphore(config.dynamoParallelism());
    }

    /** Processes a batch; returns what becomes of each message that is not simply done. */
    public Map<String, MessageResult> handle(List<ReceivedMessage<SmsJob>> messages, Duration remaining) {
        Plan plan = new Plan(Deadline.in(remaining.minus(config.finishReserve())),
                Deadline.in(remaining.minus(config.awsCallTimeout()).minus(SenderConfig.PUBLISH_MARGIN)));
        Instant now = clock.instant();
        Instant claimUntil = now.plus(remaining).plus(CLAIM_MARGIN);
        Batch batch = new Batch(claimUntil);

        List<ClaimResult> claims = inParallel(messages, dynamoSlots, m -> claim(m, now, claimUntil, batch));
        List<ReceivedMessage<SmsJob>> claimed = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            ReceivedMessage<SmsJob> m = messages.get(i);
            switch (claims.get(i)) {
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

        // SQS keeps no order: a job planned after another (a reminder after its confirmation) waits for it.
        Set<String> claimedKeys = new HashSet<>();
        claimed.forEach(m -> claimedKeys.add(m.body().idempotencyKey()));
        List<ReceivedMessage<SmsJob>> ready = new ArrayList<>();
        List<ReceivedMessage<SmsJob>> afterBatchMate = new ArrayList<>();
        List<ReceivedMessage<SmsJob>> afterOther = new ArrayList<>();
        for (ReceivedMessage<SmsJob> m : claimed) {
            String after = m.body().afterKey();
            if (after == null) {
                ready.add(m);
            } else if (claimedKeys.contains(after)) {
                afterBatchMate.add(m);
            } else {
                afterOther.add(m);
            }
        }
        ready.addAll(whoseFirstIsFinished(afterOther, batch));
        deliver(ready, batch, plan);
        deliver(whoseFirstIsFinished(afterBatchMate, batch), batch, plan);

        try {
            finish(batch);
        } catch (RuntimeException e) {
            // Not reported: the whole batch goes back to SQS, and its redelivery re-reports what was recorded.
            LOG.error("batch of {} failed as a whole: {}", messages.size(), SqsBatchRunner.describe(e), e);
            return batch.results(messages, true, clock.instant(), config.retryLaterDelay());
        }
        return batch.results(messages, false, clock.instant(), config.retryLaterDelay());
    }

    private ClaimResult claim(ReceivedMessage<SmsJob> m, Instant now, Instant claimUntil, Batch batch) {
        try {
            return store.claim(keyOf(m.body()), m.body(), now, claimUntil);
        } catch (RuntimeException e) {
            // Not claimed (or claimed without knowing): either way nothing was sent, and a claim we hold
            // unknowingly expires and is taken over by the redelivery.
            batch.giveBack(m, "cannot claim the idempotency key: " + SqsBatchRunner.describe(e));
            return null;
        }
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
        List<Boolean> mayGo = inParallel(waiting, dynamoSlots, m -> mayGo(m.body(), now));
        List<ReceivedMessage<SmsJob>> go = new ArrayList<>();
        List<ReceivedMessage<SmsJob>> wait = new ArrayList<>();
        for (int i = 0; i < waiting.size(); i++) {
            (mayGo.get(i) ? go : wait).add(waiting.get(i));
        }
        inParallel(wait, dynamoSlots, m -> {
            release(m);
            batch.waitFor(m, PredecessorWait.nextLook(m.body(), now, config.retryLaterDelay(), config.afterKeyMaxWait()));
            return null;
        });
        return go;
    }

    private boolean mayGo(SmsJob job, Instant now) {
        if (job.expiredAt(now)) {
            return true;
        }
        String key = config.dryRun() ? DRY_RUN_PREFIX + job.afterKey() : job.afterKey();
        try {
            if (store.find(key).map(r -> r.finishedAt(now)).orElse(false)) {
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

    private String keyOf(SmsJob job) {
        // Dry-run records live under their own keys, so shadowing never blocks the real sends later.
        return config.dryRun() ? DRY_RUN_PREFIX + job.idempotencyKey() : job.idempotencyKey();
    }

    private void deliver(List<ReceivedMessage<SmsJob>> claimed, Batch batch, Plan plan) {
        if (claimed.isEmpty()) {
            return;
        }
        Instant sendAt = clock.instant();
        Map<GroupKey, List<ReceivedMessage<SmsJob>>> groups = new LinkedHashMap<>();
        List<Settlement> decided = new ArrayList<>();
        for (ReceivedMessage<SmsJob> m : claimed) {
            SmsJob job = m.body();
            Optional<SendWindow.Closed> closed = SendWindow.closedFor(job, sendAt);
            Optional<String> violation = SensContentRules.violation(job);
            if (closed.isPresent()) {
                decided.add(new Settlement(m, closed.get().status(), null, closed.get().reason()));
            } else if (violation.isPresent()) {
                decided.add(new Settlement(m, OutcomeStatus.FAILED, null, "SENS would refuse it: " + violation.get()));
            } else if (config.dryRun()) {
                LOG.info("dry-run: would send {} {}/{} from {} to {}", job.idempotencyKey(), job.type(), job.contentType(),
                        job.from(), PersonalData.maskPhone(job.recipient()));
                decided.add(new Settlement(m, OutcomeStatus.SKIPPED, null, "dry-run: not sent"));
            } else {
                groups.computeIfAbsent(new GroupKey(job.from(), job.type(), job.contentType()), k -> new ArrayList<>()).add(m);
            }
        }
        List<Slice> slices = new ArrayList<>();
        for (var entry : groups.entrySet()) {
            List<ReceivedMessage<SmsJob>> group = entry.getValue();
            for (int i = 0; i < group.size(); i += SensRequest.MAX_MESSAGES) {
                slices.add(new Slice(entry.getKey(), group.subList(i, Math.min(group.size(), i + SensRequest.MAX_MESSAGES)), false));
            }
        }
        // Slices wait for SENS slots themselves; the pool starts them all at once.
        Future<List<Object>> sending = pool.submit(() -> inParallel(slices, null, s -> {
            sendAndSettle(s, batch, plan);
            return null;
        }));
        settleAll(decided, batch, plan);
        await(sending);
    }

    private void sendAndSettle(Slice slice, Batch batch, Plan plan) {
        GroupKey g = slice.group();
        List<ReceivedMessage<SmsJob>> marked = slice.marked() ? slice.jobs() : markSending(slice.jobs(), batch, plan);
        Attempts attempts = sendWithRetry(g, marked, batch, plan);
        List<ReceivedMessage<SmsJob>> jobs = attempts.jobs();
        SensResult result = attempts.result();
        if (jobs.isEmpty()) {
            return;
        }
        if (result instanceof SensResult.Rejected r && r.status() == 400 && jobs.size() > 1) {
            // SENS refused the whole request and sent none of it: send each job alone so one bad job
            // fails alone instead of taking its request-mates with it.
            LOG.warn("SENS refused a request of {} messages ({}); sending them one by one", jobs.size(), r.reason());
            inParallel(jobs, null, m -> {
                sendAndSettle(new Slice(g, List.of(m), true), batch, plan);
                return null;
            });
            return;
        }
        switch (result) {
            case SensResult.Accepted a -> LOG.info("SENS accepted {} {} {}/{} from {} as {}", jobs.size(),
                    jobs.size() == 1 ? "message" : "messages", g.type(), g.contentType(), g.from(), a.requestId());
            case SensResult.CredentialsRejected c -> batch.alert(jobs.get(0).body().runId(),
                    AlertCause.SENS_CREDENTIALS_REJECTED, "sens", "SENS refused the credentials, also after re-reading the secret ("
                            + c.reason() + "): update the SENS secret");
            case SensResult.Unknown u -> batch.alert(jobs.get(0).body().runId(), AlertCause.UNKNOWN_SEND, "sens",
                    jobs.size() + " SMS may or may not have been sent (" + u.reason()
                            + "); they are not sent again automatically: check and resolve with 'sends unknown' / 'sends resend'");
            default -> { }
        }
        if (result instanceof SensResult.Transient t) {
            // Nothing was sent. A job that can no longer go is settled now rather than handed back.
            inParallel(stillOpen(jobs, batch, plan), dynamoSlots, m -> {
                release(m);
                batch.giveBack(m, t.reason());
                return null;
            });
            return;
        }
        List<Settlement> settled = new ArrayList<>(jobs.size());
        for (ReceivedMessage<SmsJob> m : jobs) {
            settled.add(switch (result) {
                case SensResult.Accepted a -> new Settlement(m, OutcomeStatus.SENT, a.requestId(), null);
                case SensResult.Rejected r -> new Settlement(m, OutcomeStatus.FAILED, null, r.reason());
                case SensResult.CredentialsRejected c -> new Settlement(m, OutcomeStatus.FAILED, null, c.reason());
                case SensResult.Unknown u -> new Settlement(m, OutcomeStatus.UNKNOWN, null, u.reason());
                case SensResult.Transient t -> throw new IllegalStateException("handled above");
            });
        }
        settleAll(settled, batch, plan);
    }

    /**
     * Marks the claims SENDING before their request is written, so that from now on a sender that
     * stops (crash, timeout, a table too slow to record the answer) leaves "may have been sent"
     * behind, never a free key. Jobs that cannot be marked, or whose mark and call would not end
     * before the deadline, are given back unsent. Returns the jobs that may be sent.
     */
    private List<ReceivedMessage<SmsJob>> markSending(List<ReceivedMessage<SmsJob>> jobs, Batch batch, Plan plan) {
        Set<String> marked = new HashSet<>();
        Map<String, String> unsent = new HashMap<>();
        if (!plan.sendBy().allows(config.awsCallTimeout().plus(config.sensCallBudget()))) {
            jobs.forEach(m -> unsent.put(m.messageId(), "not enough time left in this invocation for a SENS call"));
        } else {
            // One BatchWriteItem per 25, in parallel: a request of 100 is marked in one round trip.
            List<List<ReceivedMessage<SmsJob>>> chunks = new ArrayList<>();
            for (int i = 0; i < jobs.size(); i += COMPLETIONS_PER_WRITE) {
                chunks.add(jobs.subList(i, Math.min(jobs.size(), i + COMPLETIONS_PER_WRITE)));
            }
            Instant at = clock.instant();
            inParallel(chunks, dynamoSlots, chunk -> {
                String why = "DynamoDB left the claim unprocessed when marking it as sending; not sent";
                Set<String> done = Set.of();
                try {
                    done = store.markSending(chunk.stream()
                            .map(m -> new IdempotencyStore.Sending(keyOf(m.body()), m.body(), batch.claimUntil)).toList(), at);
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
                return null;
            });
        }
        List<ReceivedMessage<SmsJob>> go = new ArrayList<>();
        List<ReceivedMessage<SmsJob>> back = new ArrayList<>();
        for (ReceivedMessage<SmsJob> m : jobs) {
            (marked.contains(keyOf(m.body())) ? go : back).add(m);
        }
        inParallel(back, dynamoSlots, m -> {
            release(m);
            batch.giveBack(m, unsent.get(m.messageId()));
            return null;
        });
        return go;
    }

    /** The last answer SENS gave, and the jobs of the request it answered (those still open by then). */
    private record Attempts(SensResult result, List<ReceivedMessage<SmsJob>> jobs) {}

    /**
     * Retries only what SENS certainly did not act on, with exponential back-off and jitter, within
     * {@code maxAttempts} and within the invocation's deadline: no attempt starts unless it can time
     * out before the deadline. Before every attempt, jobs that may no longer leave (past notAfter, an
     * advertisement now in quiet hours) are settled and left out: every earlier attempt was refused
     * (429, 503, 401), so none of them was sent. A 401 re-reads the secret once (the keys may have
     * been rotated).
     */
    private Attempts sendWithRetry(GroupKey g, List<ReceivedMessage<SmsJob>> marked, Batch batch, Plan plan) {
        List<ReceivedMessage<SmsJob>> jobs = marked;
        SensCredentials creds;
        try {
            creds = credentials.current();
        } catch (RuntimeException e) {
            return new Attempts(new SensResult.Transient("cannot read the SENS credentials: " + e.getMessage()), jobs);
        }
        boolean refreshed = false;
        SensResult result = null;
        int attempt = 0;
        while (true) {
            jobs = stillOpen(jobs, batch, plan);
            if (jobs.isEmpty()) {
                return new Attempts(result, jobs);
            }
            SensRequest request = new SensRequest(g.from(), g.type(), g.contentType(), jobs.stream().map(ReceivedMessage::body).toList());
            SensResult answer = call(request, creds, plan);
            if (answer == null) {
                return new Attempts(result instanceof SensResult.Transient ? result
                        : new SensResult.Transient("not enough time left in this invocation for a SENS call"), jobs);
            }
            result = answer;
            attempt++;
            if (!(result instanceof SensResult.Accepted)) {
                batch.sensFailure();
            }
            if (result instanceof SensResult.CredentialsRejected && !refreshed) {
                refreshed = true;
                attempt--; // a credential refresh is not a retry of SENS's availability
                try {
                    creds = credentials.refresh();
                } catch (RuntimeException e) {
                    // SENS refused the request, so nothing was sent: SQS may try again later.
                    return new Attempts(new SensResult.Transient("SENS refused the credentials and the secret cannot be re-read: "
                            + e.getMessage()), jobs);
                }
                continue;
            }
            if (!(result instanceof SensResult.Transient t) || attempt >= config.maxAttempts()) {
                return new Attempts(result, jobs);
            }
            Duration pause = backoff(attempt, t.retryAfter());
            if (!plan.sendBy().allows(pause.plus(config.sensCallBudget()))) {
                return new Attempts(result, jobs);
            }
            sleep(pause);
        }
    }

    /** The jobs that may still leave now; the others are settled (EXPIRED or SKIPPED) and reported. */
    private List<ReceivedMessage<SmsJob>> stillOpen(List<ReceivedMessage<SmsJob>> jobs, Batch batch, Plan plan) {
        Instant now = clock.instant();
        List<ReceivedMessage<SmsJob>> open = new ArrayList<>();
        List<Settlement> closed = new ArrayList<>();
        for (ReceivedMessage<SmsJob> m : jobs) {
            SendWindow.closedFor(m.body(), now).ifPresentOrElse(
                    c -> closed.add(new Settlement(m, c.status(), null, c.reason())), () -> open.add(m));
        }
        settleAll(closed, batch, plan);
        return open;
    }

    /** One SENS request in a free slot, or null when the deadline no longer allows one. */
    private SensResult call(SensRequest request, SensCredentials creds, Plan plan) {
        sensSlots.acquireUninterruptibly();
        try {
            if (!plan.sendBy().allows(config.sensCallBudget())) {
                return null;
            }
            return sens.send(request, creds);
        } finally {
            sensSlots.release();
        }
    }

    /** Exponential with "equal jitter": half the step fixed, half random; never shorter than SENS's own hint. */
    Duration backoff(int attempt, Duration retryAfter) {
        long step = config.backoffBase().toMillis() * (1L << Math.min(20, attempt - 1));
        Duration jittered = Duration.ofMillis(step / 2 + ThreadLocalRandom.current().nextLong(step / 2 + 1));
        return retryAfter != null && retryAfter.compareTo(jittered) > 0 ? retryAfter : jittered;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Records outcomes, a BatchWriteItem per 25, in parallel, and reports them. */
    private void settleAll(List<Settlement> settlements, Batch batch, Plan plan) {
        List<List<Settlement>> chunks = new ArrayList<>();
        for (int i = 0; i < settlements.size(); i += COMPLETIONS_PER_WRITE) {
            chunks.add(settlements.subList(i, Math.min(settlements.size(), i + COMPLETIONS_PER_WRITE)));
        }
        inParallel(chunks, dynamoSlots, chunk -> {
            settle(chunk, batch, plan);
            return null;
        });
    }

    private void settle(List<Settlement> chunk, Batch batch, Plan plan) {
        try {
            store.completeAll(chunk.stream().map(s -> new IdempotencyStore.Completion(keyOf(s.message().body()),
                    s.message().body(), batch.claimUntil, s.status(), s.requestId(), s.error())).toList(), clock.instant(),
                    plan.recordBy(), config.awsCallTimeout());
        } catch (RuntimeException e) {
            // The outcomes stand whatever the table says, and are reported. A job that went to SENS is
            // marked SENDING, so a later copy finds "may have been sent" and records UNKNOWN; handing the
            // message back instead would only turn a known outcome into that unknown one.
            LOG.error("{} outcomes could not be recorded in the idempotency table: {}", chunk.size(), SqsBatchRunner.describe(e));
        }
        for (Settlement s : chunk) {
            SmsJob job = s.message().body();
            batch.outcome(job, s.status(), s.requestId(), s.error(), false);
            if (s.status() != OutcomeStatus.SENT) {
                LOG.warn("job {} to {}: {} {}", job.idempotencyKey(), PersonalData.maskPhone(job.recipient()), s.status(), s.error());
            }
        }
    }

    /** Gives a claim back after a failure SENS certainly did not act on, so a redelivery may send. */
    private void release(ReceivedMessage<SmsJob> m) {
        try {
            store.release(keyOf(m.body()));
        } catch (RuntimeException e) {
            // The claim then simply expires; the redelivery waits for that.
            LOG.warn("could not release the claim of {}: {}", m.body().idempotencyKey(), SqsBatchRunner.describe(e));
        }
    }

    private void finish(Batch batch) {
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
        // If publishing fails the whole batch is redelivered; settled keys then re-report their outcomes.
        List<RunEvent> events = batch.events();
        List<List<RunEvent>> tens = new ArrayList<>();
        for (int i = 0; i < events.size(); i += 10) {
            tens.add(events.subList(i, Math.min(events.size(), i + 10)));
        }
        inParallel(tens, null, ten -> {
            results.publishAll(ten);
            return null;
        });
        metrics.publish(batch.tally());
    }

    /**
     * Runs {@code action} on every item in parallel (bounded by {@code slots} when given) and returns
     * the results in the items' order. An exception fails the whole batch, which SQS redelivers; the
     * idempotency records keep that safe.
     */
    private <T, R> List<R> inParallel(List<T> items, Semaphore slots, Function<T, R> action) {
        if (items.isEmpty()) {
            return List.of();
        }
        if (items.size() == 1) {
            return Collections.singletonList(bounded(slots, action, items.get(0)));
        }
        List<Future<R>> futures = new ArrayList<>(items.size());
        for (T item : items) {
            futures.add(pool.submit(() -> bounded(slots, action, item)));
        }
        // Every task is awaited before a failure is rethrown: none may still run when the batch ends.
        List<R> out = new ArrayList<>(items.size());
        RuntimeException failure = null;
        for (Future<R> f : futures) {
            try {
                out.add(await(f));
            } catch (RuntimeException e) {
                out.add(null);
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
        return out;
    }

    private static <R> R await(Future<R> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for parallel work", e);
        }
    }

    private static <T, R> R bounded(Semaphore slots, Function<T, R> action, T item) {
        if (slots == null) {
            return action.apply(item);
        }
        slots.acquireUninterruptibly();
        try {
            return action.apply(item);
        } finally {
            slots.release();
        }
    }

    private record GroupKey(String from, SmsType type, ContentType contentType) {}

    /** The jobs of one SENS request; {@code marked} once their claims are SENDING. */
    private record Slice(GroupKey group, List<ReceivedMessage<SmsJob>> jobs, boolean marked) {}

    /**
     * The invocation's plan: no mark and SENS call start unless they end before {@code sendBy} (the
     * Lambda's end minus the finish reserve); no recording call starts unless it ends before
     * {@code recordBy} (the end minus one AWS call and a margin, kept for publishing the outcomes).
     */
    private record Plan(Deadline sendBy, Deadline recordBy) {}

    private record Settlement(ReceivedMessage<SmsJob> message, OutcomeStatus status, String requestId, String error) {}

    /** A message handed back to come back no sooner than {@code comeBackAt} (null: after the usual delay). */
    private record RetryLater(ReceivedMessage<SmsJob> message, Instant comeBackAt) {}

    /** What one invocation collected; work runs in parallel, so every method is synchronized. */
    private final class Batch {
        /** Every claim of this invocation lives until then; completions keep it in the record. */
        final Instant claimUntil;
        private final List<RunEvent> events = new ArrayList<>();
        private final Set<String> failed = new HashSet<>();
        private final List<RetryLater> retryLater = new ArrayList<>();
        private final Map<String, Integer> sentByKind = new TreeMap<>();
        private final Map<String, Integer> abandonedByRun = new TreeMap<>();
        private final List<QueuePublisher.Delayed> waitingCopies = new ArrayList<>();
        private final List<ReceivedMessage<SmsJob>> waitingMessages = new ArrayList<>();
        private int failedCount;
        private int unknownCount;
        private int expiredCount;
        private int sensFailures;

        Batch(Instant claimUntil) {
            this.claimUntil = claimUntil;
        }

        synchronized void outcome(SmsJob job, OutcomeStatus status, String requestId, String error, boolean replayed) {
            events.add(SendOutcome.of(job.runId(), job.ref(), status, requestId, error, clock.instant(), replayed));
            if (!replayed) {
                switch (status) {
                    case SENT -> sentByKind.merge(job.rule(), 1, Integer::sum);
                    case FAILED -> failedCount++;
                    case UNKNOWN -> unknownCount++;
                    case EXPIRED -> expiredCount++;
                    case SKIPPED -> { }
                }
            }
        }

        /** A settled key re-reports its recorded outcome: the notifier counts each key once either way. */
        void replay(SmsJob job, IdempotencyRecord record) {
            OutcomeStatus status = record.outcome() == null ? OutcomeStatus.UNKNOWN : record.outcome();
            LOG.info("job {} already settled as {}: acknowledged without sending", job.idempotencyKey(), status);
            outcome(job, status, record.providerRequestId(), record.error(), true);
        }

        synchronized void alert(String runId, AlertCause cause, String subject, String detail) {
            events.add(Alert.of(runId, cause, subject, detail, clock.instant()));
        }

        /**
         * A key left SENDING by a sender that stopped: now recorded UNKNOWN (by this claim attempt),
         * reported first-hand and alerted, like an answer lost on the wire.
         */
        void abandoned(SmsJob job, IdempotencyRecord found) {
            String reason = "a sender stopped after its SENS request may have left (marked sending at " + found.sendingAt()
                    + "): not sent again automatically";
            LOG.warn("job {} to {}: UNKNOWN, {}", job.idempotencyKey(), PersonalData.maskPhone(job.recipient()), reason);
            outcome(job, OutcomeStatus.UNKNOWN, null, reason, false);
            synchronized (this) {
                abandonedByRun.merge(job.runId(), 1, Integer::sum);
            }
        }

        synchronized void sensFailure() {
            sensFailures++;
        }

        /**
         * Back to SQS for another try. On the last receive before the DLQ the notifier hears of it as
         * FAILED, so the run's summary does not wait for a job that will not come back by itself.
         */
        void giveBack(ReceivedMessage<SmsJob> m, String reason) {
            fail(m, reason);
            reportIfLastReceive(m, reason);
        }

        void reportIfLastReceive(ReceivedMessage<SmsJob> m, String reason) {
            if (m.receiveCount() >= config.maxReceives()) {
                outcome(m.body(), OutcomeStatus.FAILED, null, reason + " (gave up after " + m.receiveCount()
                        + " deliveries; the job moves to the sms DLQ, replay it to try again)", false);
            }
        }

        /**
         * Waiting for its predecessor: acknowledged, and the same job goes back on the queue as a new
         * message delayed by {@code delay}, so the wait never uses up the message's receives.
         */
        synchronized void waitFor(ReceivedMessage<SmsJob> m, Duration delay) {
            LOG.info("job {} waits for {} to be settled first; looks again in {}", m.body().idempotencyKey(), m.body().afterKey(), delay);
            waitingCopies.add(new QueuePublisher.Delayed(m.body(), delay));
            waitingMessages.add(m);
        }

        synchronized List<QueuePublisher.Delayed> waitingCopies() {
            return List.copyOf(waitingCopies);
        }

        /** The waiting jobs' copies could not be enqueued: their messages go back to SQS instead. */
        synchronized void waitingCopiesFailed(String reason) {
            for (int i = 0; i < waitingMessages.size(); i++) {
                ReceivedMessage<SmsJob> m = waitingMessages.get(i);
                retryLater(m, clock.instant().plus(waitingCopies.get(i).delay()), reason);
                reportIfLastReceive(m, reason);
            }
        }

        synchronized void retryLater(ReceivedMessage<SmsJob> m, Instant comeBackAt, String reason) {
            fail(m, reason);
            retryLater.add(new RetryLater(m, comeBackAt));
        }

        private synchronized void fail(ReceivedMessage<SmsJob> m, String reason) {
            LOG.warn("job {} goes back to the queue (receive {}): {}", m.body().idempotencyKey(), m.receiveCount(), reason);
            failed.add(m.messageId());
        }

        /**
         * What the batch runner does with each message: those handed back return to SQS, after the
         * queue's visibility timeout, or, when time resolves what held them (a live claim elsewhere, a
         * waiting copy that could not be enqueued), just after that time and no sooner than
         * {@code minimumDelay}. With {@code allBack} every message goes back (the batch failed as a whole).
         */
        synchronized Map<String, MessageResult> results(List<ReceivedMessage<SmsJob>> messages, boolean allBack, Instant now,
                                                        Duration minimumDelay) {
            Map<String, MessageResult> results = new HashMap<>();
            for (ReceivedMessage<SmsJob> m : messages) {
                if (allBack || failed.contains(m.messageId())) {
                    results.put(m.messageId(), MessageResult.retry());
                }
            }
            for (RetryLater r : retryLater) {
                Duration delay = minimumDelay;
                if (r.comeBackAt() != null) {
                    Duration untilThen = Duration.between(now, r.comeBackAt()).plusSeconds(1);
                    delay = untilThen.compareTo(delay) > 0 ? untilThen : delay;
                }
                results.put(r.message().messageId(), MessageResult.retryAfter(delay));
            }
            return results;
        }

        /** The outcomes and alerts, with one alert per run for the keys found abandoned while sending. */
        synchronized List<RunEvent> events() {
            List<RunEvent> all = new ArrayList<>(events);
            abandonedByRun.forEach((runId, n) -> all.add(Alert.of(runId, AlertCause.UNKNOWN_SEND, "sens", n
                    + " SMS may or may not have been sent: a sender stopped after the request may have left and before"
                    + " SENS's answer was recorded; not sent again automatically: check and resolve with 'sends unknown'"
                    + " / 'sends resend'", clock.instant())));
            return all;
        }

        synchronized SendTally tally() {
            return new SendTally(sentByKind, failedCount, unknownCount, expiredCount, sensFailures);
        }
    }
}
