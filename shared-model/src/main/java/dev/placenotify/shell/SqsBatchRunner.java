package dev.placenotify.shell;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.placenotify.model.MessageCodec;
import dev.placenotify.model.MessageDecodingException;
import dev.placenotify.model.PoisonMessageException;
import dev.placenotify.model.RunScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The SQS partial-batch contract every stage shares: decode each message, hand the good ones to the
 * stage, report only the failed ones. A body that cannot be decoded goes straight to the DLQ with its
 * reason (no retry can fix it), and so does one whose handler throws {@link PoisonMessageException};
 * any other failure is returned to SQS for redelivery, and the redrive policy takes it to the DLQ
 * after the queue's max receives.
 */
public final class SqsBatchRunner<T> {
    private static final Logger LOG = LoggerFactory.getLogger(SqsBatchRunner.class);

    private final Class<T> type;
    private final DeadLetters deadLetters;

    public SqsBatchRunner(Class<T> type, DeadLetters deadLetters) {
        this.type = type;
        this.deadLetters = deadLetters;
    }

    /** Stage logic for a whole batch: returns the message ids that failed and must be redelivered. */
    @FunctionalInterface
    public interface BatchHandler<T> {
        Set<String> handle(List<ReceivedMessage<T>> messages);
    }

    /** Stage logic for one message: throwing fails that message only. */
    @FunctionalInterface
    public interface EachHandler<T> {
        void handle(ReceivedMessage<T> message) throws Exception;
    }

    public SQSBatchResponse runEach(SQSEvent event, EachHandler<T> handler) {
        Map<String, SQSEvent.SQSMessage> records = new HashMap<>();
        if (event.getRecords() != null) {
            event.getRecords().forEach(r -> records.put(r.getMessageId(), r));
        }
        return runAll(event, messages -> {
            Set<String> failed = new HashSet<>();
            for (ReceivedMessage<T> m : messages) {
                try (var ignored = correlate(m.body())) {
                    handler.handle(m);
                } catch (PoisonMessageException e) {
                    if (!deadLetter(records.get(m.messageId()), e)) {
                        failed.add(m.messageId());
                    }
                } catch (Exception e) {
                    LOG.warn("message {} failed and goes back to the queue (receive {}): {}",
                            m.messageId(), m.receiveCount(), describe(e), e);
                    failed.add(m.messageId());
                }
            }
            return failed;
        });
    }

    public SQSBatchResponse runAll(SQSEvent event, BatchHandler<T> handler) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        List<ReceivedMessage<T>> decoded = new ArrayList<>();
        List<SQSEvent.SQSMessage> records = event.getRecords() == null ? List.of() : event.getRecords();
        for (SQSEvent.SQSMessage record : records) {
            try {
                decoded.add(new ReceivedMessage<>(record.getMessageId(), record.getReceiptHandle(),
                        MessageCodec.decode(record.getBody(), type),
                        receiveCount(record)));
            } catch (MessageDecodingException e) {
                if (!deadLetter(record, e)) {
                    failures.add(new SQSBatchResponse.BatchItemFailure(record.getMessageId()));
                }
            }
        }
        if (!decoded.isEmpty()) {
            Set<String> failed;
            try {
                failed = handler.handle(decoded);
            } catch (RuntimeException e) {
                LOG.error("batch of {} failed as a whole: {}", decoded.size(), describe(e), e);
                failed = new HashSet<>();
                for (ReceivedMessage<T> m : decoded) {
                    failed.add(m.messageId());
                }
            }
            failed.forEach(id -> failures.add(new SQSBatchResponse.BatchItemFailure(id)));
        }
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }

    private boolean deadLetter(SQSEvent.SQSMessage record, PoisonMessageException e) {
        LOG.error("message {} cannot be processed and goes to the DLQ: {}", record.getMessageId(), e.getMessage());
        try {
            deadLetters.send(record.getBody(), record.getMessageId(), e.getMessage());
            return true;
        } catch (RuntimeException sendFailure) {
            LOG.error("could not move message {} to the DLQ; leaving it to the redrive policy", record.getMessageId(),
                    sendFailure);
            return false;
        }
    }

    private static int receiveCount(SQSEvent.SQSMessage record) {
        if (record.getAttributes() == null) {
            return 1;
        }
        String v = record.getAttributes().get("ApproximateReceiveCount");
        try {
            return v == null ? 1 : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** Puts the run id into the logging context (Powertools' correlation id field). */
    public static MDC.MDCCloseable correlate(Object message) {
        String runId = message instanceof RunScoped r ? r.runId() : "";
        return MDC.putCloseable("correlation_id", runId);
    }

    /**
     * Puts a whole batch's run id into the logging context when all its messages belong to one run
     * (the usual case: one planner chunk's jobs); a batch that mixes runs logs with an empty one.
     */
    public static <T> MDC.MDCCloseable correlateAll(List<ReceivedMessage<T>> messages) {
        Set<String> runIds = new HashSet<>();
        for (ReceivedMessage<T> m : messages) {
            runIds.add(m.body() instanceof RunScoped r ? r.runId() : "");
        }
        return MDC.putCloseable("correlation_id", runIds.size() == 1 ? runIds.iterator().next() : "");
    }

    public static String describe(Throwable e) {
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
