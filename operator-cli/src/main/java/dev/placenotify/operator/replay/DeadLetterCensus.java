package dev.placenotify.operator.replay;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Fixes which messages a replay moves before it moves any: receives every message the DLQ holds (up to a
 * limit) under a hold, notes their ids, and gives them all back at once. Nothing is sent while it counts, so
 * no message of this replay can come back and be counted. Only ids are kept, so a DLQ of large snapshot
 * chunks costs no memory here.
 */
final class DeadLetterCensus {
    /** Long enough to list a large DLQ; a message seen again means the hold ran out and the list is complete. */
    static final int HOLD_SECONDS = 120;

    private final SqsClient sqs;

    DeadLetterCensus(SqsClient sqs) {
        this.sqs = sqs;
    }

    /** The ids of the messages in the DLQ now (at most {@code limit}), in the order SQS handed them out. */
    List<String> take(String dlqUrl, int limit) {
        Map<String, String> receipts = new LinkedHashMap<>();
        try {
            int emptyPolls = 0;
            while (receipts.size() < limit && emptyPolls < 2) {
                int want = Math.min(10, limit - receipts.size());
                int waitSeconds = emptyPolls == 0 ? 0 : 1;
                List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(dlqUrl).maxNumberOfMessages(want)
                        .visibilityTimeout(HOLD_SECONDS).waitTimeSeconds(waitSeconds)).messages();
                if (batch.isEmpty()) {
                    emptyPolls++;
                    continue;
                }
                emptyPolls = 0;
                boolean allSeen = true;
                for (Message m : batch) {
                    allSeen &= receipts.containsKey(m.messageId());
                    receipts.put(m.messageId(), m.receiptHandle());
                }
                if (allSeen) {
                    break;
                }
            }
        } finally {
            release(dlqUrl, receipts);
        }
        return List.copyOf(receipts.keySet());
    }

    private void release(String dlqUrl, Map<String, String> receipts) {
        List<String> handles = new ArrayList<>(receipts.values());
        for (int i = 0; i < handles.size(); i += 10) {
            List<String> slice = handles.subList(i, Math.min(handles.size(), i + 10));
            List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>();
            for (int j = 0; j < slice.size(); j++) {
                entries.add(ChangeMessageVisibilityBatchRequestEntry.builder().id(Integer.toString(j))
                        .receiptHandle(slice.get(j)).visibilityTimeout(0).build());
            }
            sqs.changeMessageVisibilityBatch(b -> b.queueUrl(dlqUrl).entries(entries));
        }
    }
}
