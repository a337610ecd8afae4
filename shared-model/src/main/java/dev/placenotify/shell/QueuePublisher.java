package dev.placenotify.shell;

import dev.placenotify.model.MessageCodec;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/** Publishes messages as JSON in batches of 10, retrying entries SQS refused, failing loudly if any remain. */
public final class QueuePublisher {
    private static final int SQS_BATCH = 10;
    private static final int ATTEMPTS = 3;

    private final SqsClient sqs;
    private final String queueUrl;

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
        for (int i = 0; i < messages.size(); i += SQS_BATCH) {
            List<?> slice = messages.subList(i, Math.min(messages.size(), i + SQS_BATCH));
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int j = 0; j < slice.size(); j++) {
                entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(j))
                        .messageBody(MessageCodec.encode(slice.get(j))).build());
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
