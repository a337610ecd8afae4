package dev.placenotify.operator.replay;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Lists a DLQ without moving anything: receives messages with a hold long enough that none comes back twice
 * during the listing, then makes them all visible again at once. A DLQ has no consumer and no redrive, so
 * the extra receive count is harmless; a listing interrupted half-way is released by the hold's expiry.
 */
final class DeadLetterBrowser {
    static final int HOLD_SECONDS = 30;

    private final SqsClient sqs;

    DeadLetterBrowser(SqsClient sqs) {
        this.sqs = sqs;
    }

    List<DeadLetter> list(String dlqUrl, int limit) {
        Map<String, DeadLetter> seen = new LinkedHashMap<>();
        try {
            int emptyPolls = 0;
            while (seen.size() < limit && emptyPolls < 2) {
                int want = Math.min(10, limit - seen.size());
                int waitSeconds = emptyPolls == 0 ? 0 : 1;
                List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(dlqUrl).maxNumberOfMessages(want)
                        .visibilityTimeout(HOLD_SECONDS).waitTimeSeconds(waitSeconds)
                        .messageSystemAttributeNames(MessageSystemAttributeName.ALL).messageAttributeNames("All")).messages();
                if (batch.isEmpty()) {
                    emptyPolls++;
                    continue;
                }
                emptyPolls = 0;
                batch.forEach(m -> seen.putIfAbsent(m.messageId(), DeadLetter.of(m)));
            }
        } finally {
            release(dlqUrl, new ArrayList<>(seen.values()));
        }
        return List.copyOf(seen.values());
    }

    void release(String dlqUrl, List<DeadLetter> letters) {
        for (int i = 0; i < letters.size(); i += 10) {
            List<DeadLetter> slice = letters.subList(i, Math.min(letters.size(), i + 10));
            List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>();
            for (int j = 0; j < slice.size(); j++) {
                entries.add(ChangeMessageVisibilityBatchRequestEntry.builder().id(Integer.toString(j))
                        .receiptHandle(slice.get(j).receiptHandle()).visibilityTimeout(0).build());
            }
            sqs.changeMessageVisibilityBatch(b -> b.queueUrl(dlqUrl).entries(entries));
        }
    }
}
