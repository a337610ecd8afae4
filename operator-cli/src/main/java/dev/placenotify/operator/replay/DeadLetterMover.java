package dev.placenotify.operator.replay;

import dev.placenotify.shell.DeadLetters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResultEntry;

/**
 * Moves a fixed set of DLQ messages (a {@link DeadLetterCensus}) back to their queue, each at most once:
 * receive, send the body with its attributes, delete from the DLQ. Every other message it receives (one that
 * came back after being moved, one that arrived since the census, one beyond {@code --max}) is held out of
 * sight until the replay ends, so it is neither moved nor received over and over. After the moves it watches
 * the DLQ for a while and reports the moved messages that came back.
 *
 * <p>SQS's own move task (StartMessageMoveTask) is not used: it moves whatever the DLQ holds until it is
 * empty, so a message its stage dead-letters again at once is moved again and again (issue 13, item 3).
 */
final class DeadLetterMover {
    /** Long enough to send and delete a batch; a message held longer comes back to the DLQ by itself. */
    static final int HOLD_SECONDS = 60;
    /** The previous failure's attributes: a moved message that fails again gets fresh ones (or none, if redriven). */
    private static final Set<String> FAILURE_ATTRIBUTES = Set.of(DeadLetters.ATTR_STAGE, DeadLetters.ATTR_ERROR,
            DeadLetters.ATTR_ORIGINAL_ID);

    /** Progress after each batch. */
    record Progress(int moved, int failed) {}

    /**
     * How a replay ended. {@code notFound}: ids of the census no longer in the DLQ (deleted, or held by another
     * reader); {@code arrivedMeanwhile}: messages that reached the DLQ during the replay without being part of it.
     */
    record Outcome(int moved, int failed, List<String> notFound, List<ReturnRecogniser.CameBack> cameBack,
                   int arrivedMeanwhile) {}

    private final SqsClient sqs;

    DeadLetterMover(SqsClient sqs) {
        this.sqs = sqs;
    }

    /**
     * Moves the messages {@code ids} names, at most {@code perSecond} a second (0 = unpaced), showing each to
     * {@code inspect} first; then watches the DLQ for {@code watch} for those that come back.
     */
    Outcome move(String dlqUrl, String targetUrl, List<String> ids, String replayId, int perSecond, Duration watch,
                 Consumer<DeadLetter> inspect, Consumer<Progress> progress) throws InterruptedException {
        Set<String> census = Set.copyOf(ids);
        Set<String> pending = new LinkedHashSet<>(ids);
        Map<String, String> movedFrom = new HashMap<>();
        Map<String, DeadLetter> held = new LinkedHashMap<>();
        int moved = 0;
        int failed = 0;
        try {
            int emptyPolls = 0;
            long started = System.nanoTime();
            while (!pending.isEmpty() && emptyPolls < 2) {
                int want = perSecond > 0 ? Math.min(10, perSecond) : 10;
                List<DeadLetter> batch = receive(dlqUrl, want, emptyPolls == 0 ? 0 : 1);
                if (batch.isEmpty()) {
                    emptyPolls++; // twice in a row: what is left of the census is gone
                    continue;
                }
                emptyPolls = 0;
                List<DeadLetter> toMove = new ArrayList<>();
                for (DeadLetter l : batch) {
                    if (pending.contains(l.messageId())) {
                        toMove.add(l);
                    } else {
                        held.put(l.messageId(), l); // not ours to move: out of sight until the end
                    }
                }
                if (toMove.isEmpty()) {
                    continue;
                }
                if (perSecond > 0) {
                    pace(started, moved + failed, perSecond);
                }
                toMove.forEach(inspect);
                SendMessageBatchResponse sent = sqs.sendMessageBatch(b -> b.queueUrl(targetUrl)
                        .entries(sends(toMove, replayId)));
                for (SendMessageBatchResultEntry ok : sent.successful()) {
                    movedFrom.put(ok.messageId(), toMove.get(Integer.parseInt(ok.id())).messageId());
                }
                Set<String> failedEntries = new HashSet<>();
                sent.failed().forEach(f -> failedEntries.add(f.id()));
                List<DeleteMessageBatchRequestEntry> deletes = new ArrayList<>();
                for (int i = 0; i < toMove.size(); i++) {
                    DeadLetter l = toMove.get(i);
                    pending.remove(l.messageId());
                    if (failedEntries.contains(Integer.toString(i))) {
                        held.put(l.messageId(), l); // stays in the DLQ, given back at the end
                    } else {
                        deletes.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(i))
                                .receiptHandle(l.receiptHandle()).build());
                    }
                }
                if (!deletes.isEmpty()) {
                    sqs.deleteMessageBatch(b -> b.queueUrl(dlqUrl).entries(deletes));
                }
                moved += deletes.size();
                failed += toMove.size() - deletes.size();
                progress.accept(new Progress(moved, failed));
            }
            watch(dlqUrl, watch, held);
            ReturnRecogniser returns = new ReturnRecogniser(replayId, movedFrom);
            List<ReturnRecogniser.CameBack> cameBack = new ArrayList<>();
            int arrived = 0;
            for (DeadLetter l : held.values()) {
                if (census.contains(l.messageId())) {
                    continue; // part of the census: not sent, or beyond what was found in time
                }
                var back = returns.recognise(l);
                if (back.isPresent()) {
                    cameBack.add(back.get());
                } else {
                    arrived++;
                }
            }
            return new Outcome(moved, failed, List.copyOf(pending), List.copyOf(cameBack), arrived);
        } finally {
            release(dlqUrl, held.values());
        }
    }

    /** Keeps receiving (and holding) what reaches the DLQ until {@code watch} has passed. */
    private void watch(String dlqUrl, Duration watch, Map<String, DeadLetter> held) {
        long end = System.nanoTime() + watch.toNanos();
        while (true) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return;
            }
            int waitSeconds = (int) Math.max(1, Math.min(20, Duration.ofNanos(left).toSeconds()));
            for (DeadLetter l : receive(dlqUrl, 10, waitSeconds)) {
                held.put(l.messageId(), l);
            }
        }
    }

    private List<DeadLetter> receive(String dlqUrl, int max, int waitSeconds) {
        List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(dlqUrl).maxNumberOfMessages(max)
                .visibilityTimeout(HOLD_SECONDS).waitTimeSeconds(waitSeconds)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL).messageAttributeNames("All")).messages();
        return batch.stream().map(DeadLetter::of).toList();
    }

    private static List<SendMessageBatchRequestEntry> sends(List<DeadLetter> letters, String replayId) {
        List<SendMessageBatchRequestEntry> sends = new ArrayList<>();
        for (int i = 0; i < letters.size(); i++) {
            DeadLetter l = letters.get(i);
            Map<String, MessageAttributeValue> attrs = new HashMap<>(l.messageAttributes());
            attrs.keySet().removeAll(FAILURE_ATTRIBUTES);
            attrs.put(ReplayMarker.ATTR, text(replayId));
            attrs.put(ReplayMarker.ATTR_FROM, text(l.messageId()));
            sends.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i)).messageBody(l.body())
                    .messageAttributes(attrs).build());
        }
        return sends;
    }

    /** Gives held messages back at once; one whose hold already ran out is visible anyway. */
    private void release(String dlqUrl, java.util.Collection<DeadLetter> letters) {
        List<DeadLetter> all = new ArrayList<>(letters);
        for (int i = 0; i < all.size(); i += 10) {
            List<DeadLetter> slice = all.subList(i, Math.min(all.size(), i + 10));
            List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>();
            for (int j = 0; j < slice.size(); j++) {
                entries.add(ChangeMessageVisibilityBatchRequestEntry.builder().id(Integer.toString(j))
                        .receiptHandle(slice.get(j).receiptHandle()).visibilityTimeout(0).build());
            }
            try {
                sqs.changeMessageVisibilityBatch(b -> b.queueUrl(dlqUrl).entries(entries));
            } catch (RuntimeException e) {
                // The hold runs out by itself: the messages come back within HOLD_SECONDS.
            }
        }
    }

    private static MessageAttributeValue text(String v) {
        return MessageAttributeValue.builder().dataType("String").stringValue(v).build();
    }

    private static void pace(long startedNanos, int done, int perSecond) throws InterruptedException {
        long dueNanos = startedNanos + done * 1_000_000_000L / perSecond;
        long wait = dueNanos - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }
}
