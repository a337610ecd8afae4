package dev.placenotify.sender.delivery;

import dev.placenotify.model.DeliveryCheck;
import dev.placenotify.model.OutcomeStatus;
import dev.placenotify.model.RunEvent;
import dev.placenotify.model.SendOutcome;
import dev.placenotify.shell.QueuePublisher;
import dev.placenotify.shell.SqsBatchRunner;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sender's side of the delivery checks: after a batch, one delayed check per text it reported SENT
 * (first-hand, not a replay) for its carrier result, and one per UNKNOWN for the evidence. Never in the way
 * of sending: a check that cannot be enqueued is logged, and the send's outcome stands.
 */
public final class DeliveryChecks {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryChecks.class);

    private final QueuePublisher queue;
    private final Duration firstDelay;

    private DeliveryChecks(QueuePublisher queue, Duration firstDelay) {
        this.queue = queue;
        this.firstDelay = firstDelay.compareTo(QueuePublisher.MAX_DELAY) > 0 ? QueuePublisher.MAX_DELAY : firstDelay;
    }

    public static DeliveryChecks of(FirstCheckSettings settings, software.amazon.awssdk.services.sqs.SqsClient sqs) {
        return new DeliveryChecks(new QueuePublisher(sqs, settings.queueUrl()), settings.delay());
    }

    /** The checks the reported events call for (pure). */
    public static List<DeliveryCheck> firstChecks(List<RunEvent> events, Duration firstDelay) {
        return events.stream().filter(e -> e instanceof SendOutcome o && !o.replayed()
                        && (o.status() == OutcomeStatus.SENT || o.status() == OutcomeStatus.UNKNOWN))
                .map(e -> (SendOutcome) e)
                .map(o -> DeliveryCheck.first(o.runId(), o.job().idempotencyKey(),
                        o.status() == OutcomeStatus.SENT ? DeliveryCheck.Purpose.RESULT : DeliveryCheck.Purpose.EVIDENCE,
                        o.at(), o.at().plus(firstDelay)))
                .toList();
    }

    public void enqueueFor(List<RunEvent> events) {
        List<DeliveryCheck> checks = firstChecks(events, firstDelay);
        if (checks.isEmpty()) {
            return;
        }
        try {
            queue.publishDelayed(checks.stream().map(c -> new QueuePublisher.Delayed(c, firstDelay)).toList());
        } catch (RuntimeException e) {
            // The texts went out (or may have); only their delivery results will be missing. Logged for the operator.
            LOG.error("{} delivery checks could not be enqueued; their results will not be looked up: {}", checks.size(),
                    SqsBatchRunner.describe(e));
        }
    }
}
