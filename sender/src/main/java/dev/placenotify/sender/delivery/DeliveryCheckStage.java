package dev.placenotify.sender.delivery;

import dev.placenotify.model.DeliveryCheck;
import dev.placenotify.model.DeliveryReported;
import dev.placenotify.model.DeliveryStatus;
import dev.placenotify.model.PersonalData;
import dev.placenotify.model.SmsJob;
import dev.placenotify.sender.SensCredentials;
import dev.placenotify.sender.SensCredentialsSource;
import dev.placenotify.shell.MessageResult;
import dev.placenotify.shell.QueuePublisher;
import dev.placenotify.shell.ReceivedMessage;
import dev.placenotify.shell.SqsBatchRunner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One delivery check: brings a key's record as far forward as SENS's evidence allows, reports what became
 * final, and schedules the next look when nothing did (docs/sender.md, "Delivery results"). Nothing here
 * sends a text: SENS is only read.
 *
 * <p>Idempotent by construction. Each step is a conditional write that only moves a record forward
 * ({@link DeliveryRecords}), and what is reported is read from the record after the write, so a check
 * delivered twice, replayed from the DLQ, or racing another finds the record already final and reports it
 * again (the notifier counts each key once) without asking SENS. A step that throws (DynamoDB, SQS) sends
 * the message back to SQS; SENS's lookups are read-only, so repeating them is harmless.
 */
public final class DeliveryCheckStage {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryCheckStage.class);

    private final DeliveryRecords records;
    private final SensLookup sens;
    private final SensCredentialsSource credentials;
    private final QueuePublisher results;
    private final QueuePublisher checks;
    private final CheckSchedule schedule;
    private final UnknownEvidence evidence;
    private final Clock clock;
    private final ExecutorService pool;
    private final Semaphore slots;

    public DeliveryCheckStage(DeliveryRecords records, SensLookup sens, SensCredentialsSource credentials, QueuePublisher results,
                              QueuePublisher checks, DeliveryCheckConfig config, Clock clock, ExecutorService pool) {
        this.records = records;
        this.sens = sens;
        this.credentials = credentials;
        this.results = results;
        this.checks = checks;
        this.schedule = config.schedule();
        this.evidence = config.evidence();
        this.clock = clock;
        this.pool = pool;
        this.slots = new Semaphore(config.parallelism());
    }

    /** Checks a batch in parallel (at most the configured number of lookups at once); a failed check goes back to SQS. */
    public Map<String, MessageResult> handle(List<ReceivedMessage<DeliveryCheck>> messages) {
        List<Future<?>> running = new ArrayList<>();
        Map<String, MessageResult> outcome = new java.util.concurrent.ConcurrentHashMap<>();
        for (ReceivedMessage<DeliveryCheck> m : messages) {
            running.add(pool.submit(() -> {
                try (var ignored = SqsBatchRunner.correlate(m.body())) {
                    slots.acquire();
                    try {
                        check(m.body());
                    } finally {
                        slots.release();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    outcome.put(m.messageId(), new MessageResult.Retry(null));
                } catch (RuntimeException e) {
                    LOG.warn("delivery check of {} goes back to the queue (receive {}): {}", m.body().key(), m.receiveCount(),
                            SqsBatchRunner.describe(e), e);
                    outcome.put(m.messageId(), new MessageResult.Retry(null));
                }
            }));
        }
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return new HashMap<>(outcome);
    }

    /** One check, to its end: throws when a step that must happen (a write, a report, the next check) fails. */
    public void check(DeliveryCheck c) {
        Instant now = clock.instant();
        if (now.isBefore(c.notBefore())) {
            // Due later than SQS could delay it: wait another hop, without a lookup.
            checks.publishDelayed(List.of(new QueuePublisher.Delayed(c.waitingAgain(), delay(now, c.notBefore()))));
            return;
        }
        Optional<DeliveryRecord> found = records.find(c.key());
        if (found.isEmpty() || found.get().job() == null) {
            LOG.info("delivery check of {}: no record (an operator resent it, or it expired); nothing to look up", c.key());
            return;
        }
        DeliveryRecord r = found.get();
        if (!r.completed()) {
            // The sender has not recorded its outcome (yet): look again later, within the deadline.
            scheduleNext(c, c.purpose(), now, "the sender has not recorded an outcome yet");
            return;
        }
        switch (r.outcome()) {
            case UNKNOWN -> lookForUnknown(c, r, now);
            case SENT -> lookUpResult(c, r, now, null);
            default -> LOG.info("delivery check of {}: outcome {} has no delivery to look up", c.key(), r.outcome());
        }
    }

    private void lookForUnknown(DeliveryCheck c, DeliveryRecord r, Instant now) {
        SmsJob job = r.job();
        if (r.evidence() == DeliveryRecord.Evidence.ABSENT) {
            report(r, DeliveryReported.Kind.ABSENT, null, null, r.evidenceDetail(), null, c.sentAt(), now);
            return;
        }
        SensCredentials keys = credentials.current();
        SensLookup.Answer answer = sens.byRecipient(keys, job.recipient(), evidence.from(c.sentAt()), evidence.to(c.sentAt()));
        List<SensMessageResult> listed = new ArrayList<>();
        String failure = answer instanceof SensLookup.Failed f ? f.reason() : null;
        if (answer instanceof SensLookup.Listed l) {
            for (SensMessageResult m : l.messages()) {
                if (m.content() != null || m.messageId() == null) {
                    listed.add(m);
                    continue;
                }
                // The list names the message; its text (to tell this job's text from another to the same customer) is in the detail.
                SensLookup.Answer detail = sens.message(keys, m.messageId());
                if (detail instanceof SensLookup.Failed f) {
                    failure = f.reason();
                    break;
                }
                listed.addAll(((SensLookup.Listed) detail).messages());
            }
        }
        if (failure != null) {
            records.recordEvidencePending(c.key(), "lookup failed: " + failure, now);
            scheduleNext(c, DeliveryCheck.Purpose.EVIDENCE, now, failure);
            return;
        }
        switch (evidence.decide(job, listed, c.sentAt(), now, r.evidenceAttempts() + 1)) {
            case UnknownEvidence.Found f -> {
                records.resolveAsSent(c.key(), f.message().requestId(), f.evidence(), now);
                DeliveryRecord resolved = records.find(c.key()).orElse(null);
                if (resolved == null || resolved.outcome() != dev.placenotify.model.OutcomeStatus.SENT) {
                    return;
                }
                LOG.warn("UNKNOWN send {} to {} found at SENS: now SENT ({})", c.key(), PersonalData.maskPhone(job.recipient()),
                        f.evidence());
                if (!"UNKNOWN".equals(resolved.resolvedFrom()) || !f.message().requestId().equals(resolved.providerRequestId())) {
                    // Not this evidence's record any more (an operator resent the key meanwhile): leave it to its own checks.
                    return;
                }
                report(resolved, DeliveryReported.Kind.FOUND, null, null, resolved.evidenceDetail(), null, c.sentAt(), now);
                lookUpResult(c, resolved, now, f.message());
            }
            case UnknownEvidence.Absent a -> {
                records.recordAbsent(c.key(), a.evidence(), now);
                DeliveryRecord after = records.find(c.key()).orElse(null);
                if (after != null && after.evidence() == DeliveryRecord.Evidence.ABSENT) {
                    LOG.warn("UNKNOWN send {} proven absent at SENS: {}", c.key(), after.evidenceDetail());
                    report(after, DeliveryReported.Kind.ABSENT, null, null, after.evidenceDetail(), null, c.sentAt(), now);
                }
            }
            case UnknownEvidence.NotYet n -> {
                records.recordEvidencePending(c.key(), "SENS lists nothing yet; absence is proven after "
                        + n.closesAt(), now);
                Instant due = schedule.next(c.sentAt(), c.attempt() + 1, now).orElse(n.closesAt());
                // Look again no later than the moment the window closes: that look settles it.
                Instant at = due.isAfter(n.closesAt()) ? n.closesAt() : due;
                enqueue(c.next(DeliveryCheck.Purpose.EVIDENCE, at), now);
            }
        }
    }

    /**
     * Looks up (or, with {@code known}, takes) the carrier's result of an accepted send; records it, reports
     * it when final, else schedules the next look or gives up at the deadline.
     */
    private void lookUpResult(DeliveryCheck c, DeliveryRecord r, Instant now, SensMessageResult known) {
        if (r.deliveryFinal()) {
            if (r.deliveryKnown()) {
                report(r, DeliveryReported.Kind.DELIVERY, r.delivery(), r.deliveryCode(), r.deliveryReason(), r.deliveryTelco(),
                        c.sentAt(), now);
            }
            return;
        }
        DeliveryResult result = known != null && known.status() != null ? DeliveryVerdict.of(known) : lookUp(r);
        Optional<Instant> next = result.status().isFinal() ? Optional.empty() : schedule.next(c.sentAt(), c.attempt() + 1, now);
        boolean giveUp = !result.status().isFinal() && next.isEmpty();
        records.recordDelivery(c.key(), result, giveUp, now);
        if (result.status().isFinal()) {
            DeliveryRecord after = records.find(c.key()).orElse(null);
            if (after != null && after.deliveryKnown()) {
                report(after, DeliveryReported.Kind.DELIVERY, after.delivery(), after.deliveryCode(), after.deliveryReason(),
                        after.deliveryTelco(), c.sentAt(), now);
            }
        } else if (next.isPresent()) {
            enqueue(c.next(DeliveryCheck.Purpose.RESULT, next.get()), now);
        } else {
            LOG.warn("delivery of {} still not final {} after the send: no more lookups ({})", c.key(), schedule.deadline(),
                    result.reason());
        }
    }

    private DeliveryResult lookUp(DeliveryRecord r) {
        if (r.providerRequestId() == null) {
            return DeliveryResult.pending("no SENS request id recorded");
        }
        SensCredentials keys = credentials.current();
        SensLookup.Answer request = sens.byRequest(keys, r.providerRequestId());
        if (request instanceof SensLookup.Failed f) {
            return DeliveryResult.pending(f.reason());
        }
        String to = r.job().recipient().replaceAll("\\D", "");
        Optional<SensMessageResult> mine = ((SensLookup.Listed) request).messages().stream()
                .filter(m -> m.to() != null && to.equals(m.to().replaceAll("\\D", ""))).findFirst();
        if (mine.isEmpty() || mine.get().messageId() == null) {
            return DeliveryResult.pending("SENS does not list the message yet");
        }
        SensLookup.Answer detail = sens.message(keys, mine.get().messageId());
        if (detail instanceof SensLookup.Failed f) {
            return DeliveryResult.pending(f.reason());
        }
        List<SensMessageResult> found = ((SensLookup.Listed) detail).messages();
        return found.isEmpty() ? DeliveryResult.pending("SENS has no result for the message yet") : DeliveryVerdict.of(found.get(0));
    }

    private void scheduleNext(DeliveryCheck c, DeliveryCheck.Purpose purpose, Instant now, String why) {
        Optional<Instant> next = schedule.next(c.sentAt(), c.attempt() + 1, now);
        if (next.isPresent()) {
            enqueue(c.next(purpose, next.get()), now);
        } else {
            LOG.warn("delivery check of {} ends at its deadline without a result: {}", c.key(), why);
        }
    }

    private void enqueue(DeliveryCheck next, Instant now) {
        checks.publishDelayed(List.of(new QueuePublisher.Delayed(next, delay(now, next.notBefore()))));
    }

    private static Duration delay(Instant now, Instant due) {
        Duration d = Duration.between(now, due);
        if (d.isNegative()) {
            return Duration.ZERO;
        }
        return d.compareTo(QueuePublisher.MAX_DELAY) > 0 ? QueuePublisher.MAX_DELAY : d;
    }

    private void report(DeliveryRecord r, DeliveryReported.Kind kind, DeliveryStatus status, String code, String reason,
                        String telco, Instant sentAt, Instant now) {
        SmsJob job = r.job();
        results.publish(DeliveryReported.of(job.runId(), job.ref(), kind, status, code, reason, telco, sentAt, now));
    }
}
