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
import dev.placenotify.shell.QueuePublisher;
import dev.placenotify.shell.ReceivedMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Turns a batch of SMS jobs into at most one SENS delivery each. Every job is claimed on its
 * idempotency key before SENS is called; answers are classified; only failures SENS certainly did not
 * act on are retried. A request whose answer was lost is UNKNOWN and never sent again automatically.
 */
public final class SendStage {
    private static final Logger LOG = LoggerFactory.getLogger(SendStage.class);
    static final String DRY_RUN_PREFIX = "dry-run:";

    private final IdempotencyStore store;
    private final SensClient sens;
    private final SensCredentialsSource credentials;
    private final QueuePublisher results;
    private final SqsClient sqs;
    private final SenderConfig config;
    private final Clock clock;
    private final ExecutorService pool;

    public SendStage(IdempotencyStore store, SensClient sens, SensCredentialsSource credentials, QueuePublisher results,
                     SqsClient sqs, SenderConfig config, Clock clock, ExecutorService pool) {
        this.store = store;
        this.sens = sens;
        this.credentials = credentials;
        this.results = results;
        this.sqs = sqs;
        this.config = config;
        this.clock = clock;
        this.pool = pool;
    }

    /** Processes a batch; returns the ids of messages SQS must deliver again. */
    public Set<String> handle(List<ReceivedMessage<SmsJob>> messages, Duration remaining) {
        Batch batch = new Batch();
        Instant now = clock.instant();
        // The claim outlives this invocation by a margin, so a crashed sender's claim expires soon after.
        Instant claimUntil = now.plus(remaining).plusSeconds(5);
        List<ReceivedMessage<SmsJob>> claimed = new ArrayList<>();
        for (ReceivedMessage<SmsJob> m : messages) {
            SmsJob job = m.body();
            String key = keyOf(job);
            switch (store.claim(key, job, now, claimUntil)) {
                case ClaimResult.Claimed c -> claimed.add(m);
                case ClaimResult.Settled s -> batch.outcome(job, s.record().outcome(), s.record().providerRequestId(),
                        s.record().error(), true);
                case ClaimResult.Busy b -> batch.retryLater(m, "another sender holds the claim");
                case ClaimResult.PayloadMismatch p -> batch.outcome(job, OutcomeStatus.FAILED, null,
                        "idempotency key " + job.idempotencyKey() + " was already used for a different message", false);
            }
        }
        List<ReceivedMessage<SmsJob>> ready = new ArrayList<>();
        List<ReceivedMessage<SmsJob>> afterBatchMate = new ArrayList<>();
        Set<String> claimedKeys = new HashSet<>();
        claimed.forEach(m -> claimedKeys.add(m.body().idempotencyKey()));
        for (ReceivedMessage<SmsJob> m : claimed) {
            String after = m.body().afterKey();
            if (after == null || isSettled(after)) {
                ready.add(m);
            } else if (claimedKeys.contains(after)) {
                afterBatchMate.add(m);
            } else {
                store.release(keyOf(m.body()));
                batch.retryLater(m, "waits for " + after + " to be sent first");
            }
        }
        deliver(ready, batch);
        List<ReceivedMessage<SmsJob>> second = new ArrayList<>();
        for (ReceivedMessage<SmsJob> m : afterBatchMate) {
            if (isSettled(m.body().afterKey())) {
                second.add(m);
            } else {
                store.release(keyOf(m.body()));
                batch.retryLater(m, "waits for " + m.body().afterKey() + " to be sent first");
            }
        }
        deliver(second, batch);
        results.publishAll(batch.events);
        shortenVisibility(batch.retryLater);
        return batch.failed;
    }

    private boolean isSettled(String key) {
        String effective = config.dryRun() ? DRY_RUN_PREFIX + key : key;
        return store.find(effective).map(IdempotencyRecord::settled).orElse(false);
    }

    private String keyOf(SmsJob job) {
        // Dry-run records live under their own keys, so shadowing never blocks the real sends later.
        return config.dryRun() ? DRY_RUN_PREFIX + job.idempotencyKey() : job.idempotencyKey();
    }

    private void deliver(List<ReceivedMessage<SmsJob>> claimed, Batch batch) {
        Map<GroupKey, List<ReceivedMessage<SmsJob>>> groups = new LinkedHashMap<>();
        for (ReceivedMessage<SmsJob> m : claimed) {
            SmsJob job = m.body();
            if (job.contentType() == ContentType.AD && QuietHours.contains(job.dueAt())) {
                settle(m, OutcomeStatus.SKIPPED, null, "advertising SMS not sent in quiet hours (21:00-08:00 KST)", batch);
                continue;
            }
            var violation = SensContentRules.violation(job);
            if (violation.isPresent()) {
                settle(m, OutcomeStatus.FAILED, null, "SENS would refuse it: " + violation.get(), batch);
                continue;
            }
            if (config.dryRun()) {
                LOG.info("dry-run: would send {} to {}", job.idempotencyKey(), PersonalData.maskPhone(job.recipient()));
                settle(m, OutcomeStatus.SKIPPED, null, "dry-run: not sent", batch);
                continue;
            }
            groups.computeIfAbsent(new GroupKey(job.from(), job.type(), job.contentType()), k -> new ArrayList<>()).add(m);
        }
        List<Future<Void>> calls = new ArrayList<>();
        for (var entry : groups.entrySet()) {
            List<ReceivedMessage<SmsJob>> group = entry.getValue();
            for (int i = 0; i < group.size(); i += SensRequest.MAX_MESSAGES) {
                List<ReceivedMessage<SmsJob>> slice = group.subList(i, Math.min(group.size(), i + SensRequest.MAX_MESSAGES));
                GroupKey g = entry.getKey();
                calls.add(pool.submit(() -> {
                    sendAndSettle(g, slice, batch);
                    return null;
                }));
            }
        }
        for (Future<Void> call : calls) {
            try {
                call.get();
            } catch (Exception e) {
                throw new IllegalStateException("SENS call failed unexpectedly", e);
            }
        }
    }

    private void sendAndSettle(GroupKey g, List<ReceivedMessage<SmsJob>> slice, Batch batch) {
        SensRequest request = new SensRequest(g.from(), g.type(), g.contentType(), slice.stream().map(ReceivedMessage::body).toList());
        SensResult result = sendWithRetry(request);
        for (ReceivedMessage<SmsJob> m : slice) {
            switch (result) {
                case SensResult.Accepted a -> settle(m, OutcomeStatus.SENT, a.requestId(), null, batch);
                case SensResult.Rejected r -> settle(m, OutcomeStatus.FAILED, null, r.reason(), batch);
                case SensResult.CredentialsRejected c -> settle(m, OutcomeStatus.FAILED, null, c.reason(), batch);
                case SensResult.Unknown u -> settle(m, OutcomeStatus.UNKNOWN, null, u.reason(), batch);
                case SensResult.Transient t -> {
                    store.release(keyOf(m.body()));
                    batch.fail(m, t.reason());
                }
            }
        }
        switch (result) {
            case SensResult.CredentialsRejected c -> batch.alert(slice.get(0).body().runId(),
                    AlertCause.SENS_CREDENTIALS_REJECTED, "sens", "SENS refused the credentials twice (" + c.reason()
                            + "): update the SENS secret", clock.instant());
            case SensResult.Unknown u -> batch.alert(slice.get(0).body().runId(), AlertCause.UNKNOWN_SEND, "sens",
                    slice.size() + " SMS may or may not have been sent (" + u.reason()
                            + "); resolve with 'sends unknown' / 'sends resend'", clock.instant());
            default -> { }
        }
    }

    private SensResult sendWithRetry(SensRequest request) {
        SensCredentials creds = credentials.current();
        boolean refreshed = false;
        SensResult result = null;
        for (int attempt = 1; attempt <= config.maxAttempts(); attempt++) {
            result = sens.send(request, creds);
            if (result instanceof SensResult.CredentialsRejected && !refreshed) {
                creds = credentials.refresh();
                refreshed = true;
                attempt--; // a credential refresh is not a retry of SENS's availability
                continue;
            }
            if (!(result instanceof SensResult.Transient) || attempt == config.maxAttempts()) {
                return result;
            }
            backoff(attempt);
        }
        return result;
    }

    private void backoff(int attempt) {
        long base = config.backoffBase().toMillis() * (1L << (attempt - 1));
        try {
            Thread.sleep(base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void settle(ReceivedMessage<SmsJob> m, OutcomeStatus status, String requestId, String error, Batch batch) {
        store.complete(keyOf(m.body()), status, requestId, error, clock.instant());
        batch.outcome(m.body(), status, requestId, error, false);
        if (status != OutcomeStatus.SENT) {
            LOG.warn("job {} to {}: {} {}", m.body().idempotencyKey(), PersonalData.maskPhone(m.body().recipient()),
                    status, error);
        }
    }

    private void shortenVisibility(List<ReceivedMessage<SmsJob>> later) {
        for (ReceivedMessage<SmsJob> m : later) {
            try {
                sqs.changeMessageVisibility(b -> b.queueUrl(config.smsQueueUrl()).receiptHandle(m.receiptHandle())
                        .visibilityTimeout((int) config.retryLaterDelay().toSeconds()));
            } catch (RuntimeException e) {
                LOG.debug("could not shorten visibility of {}: {}", m.messageId(), e.getMessage());
            }
        }
    }

    private record GroupKey(String from, SmsType type, ContentType contentType) {}

    /** What one invocation collected; SENS calls run in parallel, so the lists are synchronized. */
    private final class Batch {
        final List<RunEvent> events = Collections.synchronizedList(new ArrayList<>());
        final Set<String> failed = Collections.synchronizedSet(new HashSet<>());
        final List<ReceivedMessage<SmsJob>> retryLater = Collections.synchronizedList(new ArrayList<>());

        void outcome(SmsJob job, OutcomeStatus status, String requestId, String error, boolean replayed) {
            events.add(SendOutcome.of(job.runId(), job.ref(), status, requestId, error, clock.instant(), replayed));
        }

        void alert(String runId, AlertCause cause, String subject, String detail, Instant at) {
            events.add(Alert.of(runId, cause, subject, detail, at));
        }

        void fail(ReceivedMessage<SmsJob> m, String reason) {
            LOG.warn("job {} goes back to the queue (receive {}): {}", m.body().idempotencyKey(), m.receiveCount(), reason);
            failed.add(m.messageId());
        }

        void retryLater(ReceivedMessage<SmsJob> m, String reason) {
            fail(m, reason);
            retryLater.add(m);
        }
    }
}
