package dev.placenotify.shell;

import dev.placenotify.model.MessageCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * Publishes messages as JSON in {@code SendMessageBatch} calls that keep SQS's limits (10 entries, and
 * 256 KiB per message and per call: {@link SqsBatchPlan}), retrying entries SQS refused, failing loudly
 * if any remain. A message too large for SQS fails the whole call before anything is sent, so the
 * caller's input goes back to its queue whole instead of half published.
 */
public final class QueuePublisher {
    private static final int ATTEMPTS = 3;
    /** SQS's cap on a message's DelaySeconds. */
    public static final Duration MAX_DELAY = Duration.ofSeconds(900);

    private final SqsClient sqs;
    private final String queueUrl;

    /** A message and how long SQS keeps it invisible after it is sent (0 to 900 s). */
    public record Delayed(Object message, Duration delay) {
        public Delayed {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(delay, "delay");
            if (delay.isNegative() || delay.compareTo(MAX_DELAY) > 0) {
                throw new IllegalArgumentException("SQS delays a message by 0 to 900 s, not " + delay);
            }
        }
    }

    public QueuePublisher(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    public String queueUrl() {
        return queueUrl;
    }

    public void publish(Object message) {
        publishAll(List.of(message));
    }

    public void publishAll(List<?> messages) {
        publishDelayed(messages.stream().map(m -> new Delayed(m, Duration.ZERO)).toList());
    }

    public void publishDelayed(List<Delayed> messages) {
        List<String> bodies = messages.stream().map(m -> MessageCodec.encode(m.message())).toList();
        List<Integer> sizes = bodies.stream().map(b -> b.getBytes(StandardCharsets.UTF_8).length).toList();
        for (List<Integer> batch : SqsBatchPlan.of(sizes)) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i : batch) {
                SendMessageBatchRequestEntry.Builder entry = SendMessageBatchRequestEntry.builder()
                        .id(Integer.toString(entries.size())).messageBody(bodies.get(i));
                // Rounded up: a message must not come back before its delay has passed.
                long delay = (messages.get(i).delay().toMillis() + 999) / 1000;
                if (delay > 0) {
                    entry.delaySeconds((int) delay);
                }
                entries.add(entry.build());
            }
            sendWithRetry(entries);
        }
    }

    private void sendWithRetry(List<SendMessageBatchRequestEntry> entries) {
        List<SendMessageBatchRequestEntry> pending = entries;
        for (int attempt = 1; attempt <= ATTEMPTS && !pending.isEmpty(); attempt++) {
            List<SendMessageBatchRequestEntry> toSend = pending;
            SendMessageBatchResponse response = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(toSend));
            List<String> failedIds = response.failed().stream().map(BatchResultErrorEntry::id).toList();
            pending = toSend.stream().filter(e -> failedIds.contains(e.id())).toList();
            if (!pending.isEmpty() && response.failed().stream().anyMatch(BatchResultErrorEntry::senderFault)) {
                throw new IllegalStateException("SQS refused messages for " + queueUrl + ": " + response.failed());
            }
        }
        if (!pending.isEmpty()) {
            throw new IllegalStateException(pending.size() + " messages could not be published to " + queueUrl);
        }
    }
}
