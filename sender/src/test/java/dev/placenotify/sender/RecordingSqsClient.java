package dev.placenotify.sender;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * The real SQS client (talking to ElasticMQ), recording every SendMessageBatch request before passing
 * it on: ElasticMQ does not enforce SQS's 256 KiB limit on a batch's total, so what the publisher
 * sends is asserted here, and what arrives is read back from the queue.
 */
final class RecordingSqsClient implements SqsClient {
    private final SqsClient real;
    private final List<SendMessageBatchRequest> batches = new ArrayList<>();

    RecordingSqsClient(SqsClient real) {
        this.real = real;
    }

    @Override
    public SendMessageBatchResponse sendMessageBatch(SendMessageBatchRequest request) {
        synchronized (batches) {
            batches.add(request);
        }
        return real.sendMessageBatch(request);
    }

    List<SendMessageBatchRequest> batches() {
        synchronized (batches) {
            return List.copyOf(batches);
        }
    }

    @Override
    public String serviceName() {
        return real.serviceName();
    }

    @Override
    public void close() {
        // The real client belongs to the local AWS stack.
    }
}
