package dev.placenotify.operator.replay;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * Moves messages from a DLQ to a queue by hand: receive, send (body and message attributes unchanged),
 * then delete from the DLQ. Used when each message must be seen on its way (a limit, the sender's no-op
 * count); a crash between send and delete leaves a copy in both queues, which the stages' idempotency absorbs.
 */
final class ManualMover {
    /** Long enough to send and delete a batch; a message held longer comes back to the DLQ by itself. */
    static final int HOLD_SECONDS = 60;

    /** Progress after each batch. */
    record Progress(int moved, int failed) {}

    private final SqsClient sqs;

    ManualMover(SqsClient sqs) {
        this.sqs = sqs;
    }

    /**
     * Moves up to {@code limit} messages at most {@code perSecond} a second (0 = unpaced); every message is
     * shown to {@code inspect} before it is sent. Returns the totals.
     */
    Progress move(String dlqUrl, String targetUrl, int limit, int perSecond, Consumer<DeadLetter> inspect,
                  Consumer<Progress> progress) throws InterruptedException {
        int moved = 0;
        int failed = 0;
        Set<String> failedIds = new HashSet<>();
        int emptyPolls = 0;
        long started = System.nanoTime();
        while (moved + failed < limit && emptyPolls < 2) {
            int want = Math.min(10, limit - moved - failed);
            if (perSecond > 0) {
                want = Math.min(want, perSecond);
            }
            int batchSize = want;
            int waitSeconds = emptyPolls == 0 ? 0 : 1;
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(dlqUrl).maxNumberOfMessages(batchSize)
                    .visibilityTimeout(HOLD_SECONDS).waitTimeSeconds(waitSeconds)
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL).messageAttributeNames("All")).messages();
            // A message that failed to send once was released; do not loop on it, and give it back at once.
            List<Message> again = batch.stream().filter(m -> failedIds.contains(m.messageId())).toList();
            if (!again.isEmpty()) {
                List<ChangeMessageVisibilityBatchRequestEntry> back = new ArrayList<>();
                for (int i = 0; i < again.size(); i++) {
                    back.add(ChangeMessageVisibilityBatchRequestEntry.builder().id(Integer.toString(i))
                            .receiptHandle(again.get(i).receiptHandle()).visibilityTimeout(0).build());
                }
                sqs.changeMessageVisibilityBatch(b -> b.queueUrl(dlqUrl).entries(back));
            }
            batch = batch.stream().filter(m -> !failedIds.contains(m.messageId())).toList();
            if (batch.isEmpty()) {
                emptyPolls++;
                continue;
            }
            emptyPolls = 0;
            if (perSecond > 0) {
                pace(started, moved, perSecond);
            }
            List<DeadLetter> letters = batch.stream().map(DeadLetter::of).toList();
            letters.forEach(inspect);
            List<SendMessageBatchRequestEntry> sends = new ArrayList<>();
            for (int i = 0; i < letters.size(); i++) {
                DeadLetter l = letters.get(i);
                sends.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i)).messageBody(l.body())
                        .messageAttributes(l.messageAttributes().isEmpty() ? null : Map.copyOf(l.messageAttributes()))
                        .build());
            }
            SendMessageBatchResponse sent = sqs.sendMessageBatch(b -> b.queueUrl(targetUrl).entries(sends));
            Set<String> notSent = new HashSet<>();
            sent.failed().stream().map(BatchResultErrorEntry::id).forEach(notSent::add);
            List<DeleteMessageBatchRequestEntry> deletes = new ArrayList<>();
            List<ChangeMessageVisibilityBatchRequestEntry> releases = new ArrayList<>();
            for (int i = 0; i < letters.size(); i++) {
                DeadLetter l = letters.get(i);
                String id = Integer.toString(i);
                if (notSent.contains(id)) {
                    failedIds.add(l.messageId());
                    releases.add(ChangeMessageVisibilityBatchRequestEntry.builder().id(id).receiptHandle(l.receiptHandle())
                            .visibilityTimeout(0).build());
                } else {
                    deletes.add(DeleteMessageBatchRequestEntry.builder().id(id).receiptHandle(l.receiptHandle()).build());
                }
            }
            if (!deletes.isEmpty()) {
                sqs.deleteMessageBatch(b -> b.queueUrl(dlqUrl).entries(deletes));
            }
            if (!releases.isEmpty()) {
                sqs.changeMessageVisibilityBatch(b -> b.queueUrl(dlqUrl).entries(releases));
            }
            moved += deletes.size();
            failed += releases.size();
            progress.accept(new Progress(moved, failed));
        }
        return new Progress(moved, failed);
    }

    private static void pace(long startedNanos, int moved, int perSecond) throws InterruptedException {
        long dueNanos = startedNanos + moved * 1_000_000_000L / perSecond;
        long wait = dueNanos - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }
}
