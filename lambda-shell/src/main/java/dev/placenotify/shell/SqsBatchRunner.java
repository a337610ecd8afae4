package dev.placenotify.shell;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.placenotify.model.MessageCodec;
import dev.placenotify.model.MessageDecodingException;
import dev.placenotify.model.PoisonMessageException;
import dev.placenotify.model.RunScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The SQS partial-batch contract every stage shares: decode each message, hand the good ones to the
 * stage, and carry out what the stage decided for each ({@link MessageResult}). A body that cannot be
 * decoded goes straight to the DLQ with its reason (no retry can fix it), and so does a message the
 * stage dead-letters (or whose handler throws {@link PoisonMessageException}); a message to retry is
 * returned to SQS for redelivery, after the delay the stage asked for when it asked for one, and the
 * redrive policy takes it to the DLQ after the queue's max receives.
 */
public final class SqsBatchRunner<T> {
    private static final Logger LOG = LoggerFactory.getLogger(SqsBatchRunner.class);

    private final Class<T> type;
    private final DeadLetters deadLetters;
    private final RedeliveryDelays delays;

    /** A runner whose retries come back after the queue's visibility timeout. */
    public SqsBatchRunner(Class<T> type, DeadLetters deadLetters) {
        this(type, deadLetters, null);
    }

    /** A runner that can also delay a retry ({@link MessageResult.Retry} with a delay) through {@code delays}. */
    public SqsBatchRunner(Class<T> type, DeadLetters deadLetters, RedeliveryDelays delays) {
        this.type = type;
        this.deadLetters = deadLetters;
        this.delays = delays;
    }

    /** Stage logic for a whole batch: what becomes of each message; a message it leaves out is {@link MessageResult.Ok}. */
    @FunctionalInterface
    public interface ResultHandler<T> {
        Map<String, MessageResult> handle(List<ReceivedMessage<T>> messages);
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
        return run(event, null, messages -> {
            Map<String, MessageResult> results = new HashMap<>();
            for (ReceivedMessage<T> m : messages) {
                try (var ignored = correlate(m.body())) {
                    handler.handle(m);
                } catch (PoisonMessageException e) {
                    results.put(m.messageId(), MessageResult.deadLetter(e.getMessage()));
                } catch (Exception e) {
                    LOG.warn("message {} failed and goes back to the queue (receive {}): {}",
                            m.messageId(), m.receiveCount(), describe(e), e);
                    results.put(m.messageId(), MessageResult.retry());
                }
            }
            return results;
        });
    }

    public SQSBatchResponse runAll(SQSEvent event, BatchHandler<T> handler) {
        return run(event, null, messages -> {
            Map<String, MessageResult> results = new HashMap<>();
            handler.handle(messages).forEach(id -> results.put(id, MessageResult.retry()));
            return results;
        });
    }

    /**
     * Runs the batch and carries out the stage's results. Redelivery delays are set last, each call
     * only while the invocation ({@code context}'s remaining time; unbounded without a context) has
     * time for it.
     */
    public SQSBatchResponse run(SQSEvent event, Context context, ResultHandler<T> handler) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        List<ReceivedMessage<T>> decoded = new ArrayList<>();
        Map<String, SQSEvent.SQSMessage> records = new HashMap<>();
        for (SQSEvent.SQSMessage record : event.getRecords() == null ? List.<SQSEvent.SQSMessage>of() : event.getRecords()) {
            try {
                decoded.add(new ReceivedMessage<>(record.getMessageId(), MessageCodec.decode(record.getBody(), type),
                        receiveCount(record)));
                records.put(record.getMessageId(), record);
            } catch (MessageDecodingException e) {
                if (!deadLetter(record, e.getMessage())) {
                    failures.add(new SQSBatchResponse.BatchItemFailure(record.getMessageId()));
                }
            }
        }
        if (decoded.isEmpty()) {
            return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
        }
        Map<String, MessageResult> results = resultsOf(handler, decoded);
        List<RedeliveryDelays.Delay> delayed = new ArrayList<>();
        for (ReceivedMessage<T> m : decoded) {
            SQSEvent.SQSMessage record = records.get(m.messageId());
            switch (results.getOrDefault(m.messageId(), MessageResult.ok())) {
                case MessageResult.Ok ok -> { }
                case MessageResult.DeadLetter d -> {
                    if (!deadLetter(record, d.reason())) {
                        failures.add(new SQSBatchResponse.BatchItemFailure(m.messageId()));
                    }
                }
                case MessageResult.Retry r -> {
                    failures.add(new SQSBatchResponse.BatchItemFailure(m.messageId()));
                    if (r.after() != null) {
                        delayed.add(new RedeliveryDelays.Delay(record.getReceiptHandle(), r.after()));
                    }
                }
            }
        }
        delay(delayed, context);
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }

    private Map<String, MessageResult> resultsOf(ResultHandler<T> handler, List<ReceivedMessage<T>> decoded) {
        try {
            Map<String, MessageResult> results = handler.handle(decoded);
            return results == null ? Map.of() : results;
        } catch (RuntimeException e) {
            LOG.error("batch of {} failed as a whole: {}", decoded.size(), describe(e), e);
            Map<String, MessageResult> all = new HashMap<>();
            decoded.forEach(m -> all.put(m.messageId(), MessageResult.retry()));
            return all;
        }
    }

    private void delay(List<RedeliveryDelays.Delay> delayed, Context context) {
        if (delayed.isEmpty()) {
            return;
        }
        if (delays == null) {
            LOG.warn("{} messages asked for a redelivery delay, but this runner sets none: they come back after the"
                    + " queue's visibility timeout", delayed.size());
            return;
        }
        Supplier<Duration> timeLeft = context == null ? () -> null : () -> Duration.ofMillis(context.getRemainingTimeInMillis());
        delays.apply(delayed, timeLeft);
    }

    private boolean deadLetter(SQSEvent.SQSMessage record, String reason) {
        LOG.error("message {} cannot be processed and goes to the DLQ: {}", record.getMessageId(), reason);
        try {
            deadLetters.send(record.getBody(), record.getMessageId(), reason);
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
