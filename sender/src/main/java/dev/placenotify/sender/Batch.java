package dev.placenotify.sender;

import dev.placenotify.model.items.IdempotencyRecord;

import dev.placenotify.model.Alert;
import dev.placenotify.model.AlertCause;
import dev.placenotify.model.OutcomeStatus;
import dev.placenotify.model.PersonalData;
import dev.placenotify.model.RunEvent;
import dev.placenotify.model.SendOutcome;
import dev.placenotify.model.SmsJob;
import dev.placenotify.shell.MessageResult;
import dev.placenotify.shell.QueuePublisher;
import dev.placenotify.shell.ReceivedMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one invocation collected: the outcomes and alerts to report, the counts for metrics, the
 * messages handed back to SQS and the waiting jobs' delayed copies. Work runs in parallel, so every
 * method that touches its state is synchronized.
 */
final class Batch {
    private static final Logger LOG = LoggerFactory.getLogger(Batch.class);

    private final Clock clock;
    private final int maxReceives;
    private final List<RunEvent> events = new ArrayList<>();
    private final Set<String> handedBack = new HashSet<>();
    private final List<RetryLater> retryLater = new ArrayList<>();
    private final Map<String, Integer> sentByKind = new TreeMap<>();
    private final Map<String, Integer> abandonedByRun = new TreeMap<>();
    private final List<QueuePublisher.Delayed> waitingCopies = new ArrayList<>();
    private final List<ReceivedMessage<SmsJob>> waitingMessages = new ArrayList<>();
    private int failedCount;
    private int unknownCount;
    private int expiredCount;
    private int sensFailures;

    /** A message handed back to come back no sooner than {@code comeBackAt} (null: after the usual delay). */
    private record RetryLater(ReceivedMessage<SmsJob> message, Instant comeBackAt) {}

    /** @param maxReceives the SMS queue's max receives: the last receive before the DLQ reports the job FAILED */
    Batch(Clock clock, int maxReceives) {
        this.clock = clock;
        this.maxReceives = maxReceives;
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
        handBack(m, reason);
        reportIfLastReceive(m, reason);
    }

    private void reportIfLastReceive(ReceivedMessage<SmsJob> m, String reason) {
        if (m.receiveCount() >= maxReceives) {
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

    /** Back to SQS, to come back no sooner than {@code comeBackAt} (null: the shortest delay). */
    synchronized void retryLater(ReceivedMessage<SmsJob> m, Instant comeBackAt, String reason) {
        handBack(m, reason);
        retryLater.add(new RetryLater(m, comeBackAt));
    }

    private synchronized void handBack(ReceivedMessage<SmsJob> m, String reason) {
        LOG.warn("job {} goes back to the queue (receive {}): {}", m.body().idempotencyKey(), m.receiveCount(), reason);
        handedBack.add(m.messageId());
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

    /**
     * What the batch runner does with each message: a message handed back returns to SQS after the
     * queue's visibility timeout, or, when time resolves what held it (a live claim elsewhere, a
     * waiting copy that could not be enqueued), just after that time and no sooner than
     * {@code minimumDelay} (a crashed sender's job is then taken over on the next receive instead of
     * burning receives until the DLQ). The others are done. With {@code allBack} (the batch failed as
     * a whole) every message goes back, those held by time still at their time.
     */
    synchronized Map<String, MessageResult> results(List<ReceivedMessage<SmsJob>> messages, boolean allBack, Instant now,
                                                    Duration minimumDelay) {
        Map<String, MessageResult> results = new HashMap<>();
        for (ReceivedMessage<SmsJob> m : messages) {
            if (allBack || handedBack.contains(m.messageId())) {
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

    synchronized SendTally tally() {
        return new SendTally(sentByKind, failedCount, unknownCount, expiredCount, sensFailures);
    }
}
