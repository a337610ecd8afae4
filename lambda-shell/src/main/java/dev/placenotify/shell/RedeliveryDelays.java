package dev.placenotify.shell;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;

/**
 * Sets when messages handed back to SQS come back, by changing their visibility timeout (ten to a
 * call). It only shortens or lengthens a wait: a change that fails, or that there is no time left for,
 * leaves the message to the queue's own visibility timeout, which is logged and is no error.
 */
public final class RedeliveryDelays {
    private static final Logger LOG = LoggerFactory.getLogger(RedeliveryDelays.class);
    /** SQS's limit for a message's visibility timeout. */
    static final Duration MAX_DELAY = Duration.ofHours(12);
    static final int PER_CALL = 10;
    /** Kept between the end of the last call and the end of the invocation. */
    static final Duration MARGIN = Duration.ofMillis(500);

    private final SqsClient sqs;
    private final String queueUrl;
    private final Duration callTimeout;

    /**
     * @param queueUrl    the queue the messages came from
     * @param callTimeout the longest one call of {@code sqs} may take (its SDK retries included)
     */
    public RedeliveryDelays(SqsClient sqs, String queueUrl, Duration callTimeout) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.callTimeout = callTimeout;
    }

    /** A message (by its receipt handle) to come back after {@code after}. */
    record Delay(String receiptHandle, Duration after) {}

    /**
     * Changes the visibility of every message; no call starts unless it ends, with a margin, before
     * the invocation does ({@code timeLeft}, or null when nothing bounds it).
     */
    void apply(List<Delay> delays, Supplier<Duration> timeLeft) {
        List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>();
        for (Delay d : delays) {
            Duration after = d.after().compareTo(MAX_DELAY) > 0 ? MAX_DELAY : d.after();
            entries.add(ChangeMessageVisibilityBatchRequestEntry.builder().id(Integer.toString(entries.size()))
                    .receiptHandle(d.receiptHandle()).visibilityTimeout((int) Math.max(0, after.toSeconds())).build());
        }
        for (int i = 0; i < entries.size(); i += PER_CALL) {
            List<ChangeMessageVisibilityBatchRequestEntry> chunk = entries.subList(i, Math.min(entries.size(), i + PER_CALL));
            Duration left = timeLeft.get();
            if (left != null && left.compareTo(callTimeout.plus(MARGIN)) < 0) {
                LOG.debug("no time left to delay {} redeliveries; the queue's visibility timeout decides", entries.size() - i);
                return;
            }
            try {
                var response = sqs.changeMessageVisibilityBatch(b -> b.queueUrl(queueUrl).entries(chunk));
                if (!response.failed().isEmpty()) {
                    LOG.debug("could not delay {} redeliveries: {}", response.failed().size(), response.failed());
                }
            } catch (RuntimeException e) {
                // The queue's own visibility timeout then decides when they come back.
                LOG.debug("could not delay redeliveries: {}", e.getMessage());
            }
        }
    }
}
