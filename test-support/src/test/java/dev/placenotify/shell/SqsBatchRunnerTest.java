package dev.placenotify.shell;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import dev.placenotify.testsupport.LocalAwsExtension;
import dev.placenotify.testsupport.LocalContext;
import dev.placenotify.testsupport.SqsEvents;
import dev.placenotify.testsupport.aws.LocalAws;
import dev.placenotify.model.MessageCodec;
import dev.placenotify.model.PoisonMessageException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The shared batch runner against ElasticMQ through the real SQS client: what a stage decides for each
 * message ({@link MessageResult}) is what happens to it on the queue. The queue's visibility timeout is
 * 30 s, so a message handed back without a delay stays away for the whole test, and one handed back
 * with a delay the runner set comes back within seconds.
 */
@ExtendWith(LocalAwsExtension.class)
class SqsBatchRunnerTest {
    private static final Duration QUEUE_VISIBILITY = Duration.ofSeconds(30);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(2);

    record Note(String runId, String text) implements dev.placenotify.model.RunScoped {}

    /** A queue and its DLQ of their own, and the runner of a stage reading that queue. */
    private record Queue(SqsClient sqs, String url, String dlqUrl) {
        static Queue create(LocalAws aws) {
            String name = LocalAwsExtension.uniqueEnvironment("runner");
            String dlq = aws.sqs().createQueue(b -> b.queueName(name + "-dlq")).queueUrl();
            String url = aws.sqs().createQueue(b -> b.queueName(name).attributes(Map.of(
                    QueueAttributeName.VISIBILITY_TIMEOUT, Long.toString(QUEUE_VISIBILITY.toSeconds())))).queueUrl();
            return new Queue(aws.sqs(), url, dlq);
        }

        SqsBatchRunner<Note> runner() {
            return new SqsBatchRunner<>(Note.class, new DeadLetters(sqs, dlqUrl, "test"),
                    new RedeliveryDelays(sqs, url, CALL_TIMEOUT));
        }

        void send(String... texts) {
            for (String text : texts) {
                sendRaw(MessageCodec.encode(new Note("c1", text)));
            }
        }

        void sendRaw(String body) {
            sqs.sendMessage(b -> b.queueUrl(url).messageBody(body));
        }

        /** Up to {@code n} messages visible within {@code wait}. */
        List<Message> receive(String queueUrl, int n, Duration wait) {
            List<Message> out = new ArrayList<>();
            long deadline = System.nanoTime() + wait.toNanos();
            while (out.size() < n && System.nanoTime() < deadline) {
                int max = Math.min(10, n - out.size());
                out.addAll(sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(max).waitTimeSeconds(1)
                        .messageSystemAttributeNames(MessageSystemAttributeName.ALL).messageAttributeNames("All")).messages());
            }
            return out;
        }

        /** One invocation as Lambda's event source makes it: the runner's answer, and what succeeded deleted. */
        Set<String> invoke(List<Message> messages, Function<com.amazonaws.services.lambda.runtime.events.SQSEvent, SQSBatchResponse> run) {
            Set<String> failed = SqsEvents.failedIds(run.apply(SqsEvents.of(messages, "arn:aws:sqs:ap-northeast-2:000000000000:q")));
            SqsEvents.deleteSucceeded(sqs, url, messages, failed);
            return failed;
        }
    }

    private static String text(Message m) {
        return MessageCodec.decode(m.body(), Note.class).text();
    }

    private static Map<String, String> idsByText(List<Message> messages) {
        Map<String, String> ids = new HashMap<>();
        messages.forEach(m -> ids.put(m.body().startsWith("{") ? text(m) : m.body(), m.messageId()));
        return ids;
    }

    @Test
    void eachMessageEndsTheWayItsStageDecided(LocalAws aws) {
        Queue q = Queue.create(aws);
        q.send("ok", "left-out", "retry", "later", "poison");
        q.sendRaw("not json");
        List<Message> received = q.receive(q.url(), 6, Duration.ofSeconds(10));
        assertThat(received).hasSize(6);
        Map<String, String> id = idsByText(received);
        List<String> handed = new ArrayList<>();

        Set<String> failed = q.invoke(received, event -> q.runner().run(event, new LocalContext("test"), messages -> {
            messages.forEach(m -> handed.add(m.body().text()));
            return Map.of(
                    id.get("ok"), MessageResult.ok(),
                    id.get("retry"), MessageResult.retry(),
                    id.get("later"), MessageResult.retryAfter(Duration.ofSeconds(1)),
                    id.get("poison"), MessageResult.deadLetter("cannot be planned: no such store"));
        }));

        assertThat(handed).as("the undecodable body never reaches the stage").containsExactlyInAnyOrder("ok", "left-out", "retry", "later", "poison");
        assertThat(failed).containsExactlyInAnyOrder(id.get("retry"), id.get("later"));
        List<Message> dead = q.receive(q.dlqUrl(), 2, Duration.ofSeconds(10));
        assertThat(dead).extracting(m -> m.messageAttributes().get(DeadLetters.ATTR_ERROR).stringValue())
                .containsExactlyInAnyOrder("cannot be planned: no such store", "Note: " + decodingError());
        assertThat(dead).extracting(m -> m.messageAttributes().get(DeadLetters.ATTR_ORIGINAL_ID).stringValue())
                .containsExactlyInAnyOrder(id.get("poison"), id.get("not json"));
        // Only the delayed retry comes back soon; the plain one waits out the queue's 30 s.
        List<Message> back = q.receive(q.url(), 2, Duration.ofSeconds(8));
        assertThat(back).singleElement().satisfies(m -> {
            assertThat(text(m)).isEqualTo("later");
            assertThat(m.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).isEqualTo("2");
        });
    }

    /** The reason MessageCodec gives for "not json", whatever Jackson's wording. */
    private static String decodingError() {
        try {
            MessageCodec.decode("not json", Note.class);
            throw new AssertionError("decoded");
        } catch (RuntimeException e) {
            return e.getMessage().substring("Note: ".length());
        }
    }

    @Test
    void delaysAreSetTenToACallForEveryMessageThatAskedForOne(LocalAws aws) {
        Queue q = Queue.create(aws);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            texts.add("now-" + i);
        }
        texts.add("plain");
        q.send(texts.toArray(String[]::new));
        List<Message> received = q.receive(q.url(), 24, Duration.ofSeconds(10));
        assertThat(received).hasSize(24);

        Set<String> failed = q.invoke(received, event -> q.runner().run(event, new LocalContext("test"), messages -> {
            Map<String, MessageResult> results = new HashMap<>();
            messages.forEach(m -> results.put(m.messageId(),
                    m.body().text().equals("plain") ? MessageResult.retry() : MessageResult.retryAfter(Duration.ZERO)));
            return results;
        }));

        assertThat(failed).hasSize(24);
        List<Message> back = q.receive(q.url(), 24, Duration.ofSeconds(6));
        assertThat(back).extracting(SqsBatchRunnerTest::text).hasSize(23).doesNotContain("plain");
    }

    @Test
    void noDelayIsSetWhenTheInvocationHasNoTimeLeftForTheCall(LocalAws aws) {
        Queue q = Queue.create(aws);
        q.send("a");
        List<Message> first = q.receive(q.url(), 1, Duration.ofSeconds(10));

        // 2 s left: less than one call (2 s) and the margin. Without the check it would be visible at once.
        Set<String> failed = q.invoke(first, event -> q.runner().run(event, new LocalContext("test", Duration.ofSeconds(2)),
                messages -> Map.of(messages.get(0).messageId(), MessageResult.retryAfter(Duration.ZERO))));

        assertThat(failed).hasSize(1);
        assertThat(q.receive(q.url(), 1, Duration.ofSeconds(3))).as("left to the queue's visibility timeout").isEmpty();
    }

    @Test
    void aStageThatThrowsSendsTheWholeBatchBack(LocalAws aws) {
        Queue q = Queue.create(aws);
        q.send("a", "b");
        List<Message> received = q.receive(q.url(), 2, Duration.ofSeconds(10));

        Set<String> failed = q.invoke(received, event -> q.runner().run(event, new LocalContext("test"), messages -> {
            throw new IllegalStateException("the result queue is gone");
        }));

        assertThat(failed).containsExactlyInAnyOrderElementsOf(received.stream().map(Message::messageId).toList());
        assertThat(q.receive(q.dlqUrl(), 1, Duration.ofSeconds(1))).isEmpty();
    }

    @Test
    void aDeadLetterThatCannotReachTheDlqIsLeftToTheRedrivePolicy(LocalAws aws) {
        Queue q = Queue.create(aws);
        q.send("poison");
        List<Message> received = q.receive(q.url(), 1, Duration.ofSeconds(10));
        SqsBatchRunner<Note> noDlq = new SqsBatchRunner<>(Note.class,
                new DeadLetters(q.sqs(), q.url().replace("runner", "no-such-queue"), "test"));

        Set<String> failed = q.invoke(received, event -> noDlq.run(event, null,
                messages -> Map.of(messages.get(0).messageId(), MessageResult.deadLetter("bad"))));

        assertThat(failed).containsExactly(received.get(0).messageId());
    }

    @Test
    void runEachDeadLettersAPoisonMessageAndRetriesAFailedOne(LocalAws aws) {
        Queue q = Queue.create(aws);
        q.send("fine", "poison", "flaky");
        List<Message> received = q.receive(q.url(), 3, Duration.ofSeconds(10));
        Map<String, String> id = idsByText(received);
        List<String> handled = new ArrayList<>();

        Set<String> failed = q.invoke(received, event -> q.runner().runEach(event, (ReceivedMessage<Note> m) -> {
            handled.add(m.body().text());
            switch (m.body().text()) {
                case "poison" -> throw new PoisonMessageException("store 999 is not in the catalog");
                case "flaky" -> throw new IllegalStateException("DynamoDB timed out");
                default -> { }
            }
        }));

        assertThat(handled).containsExactlyInAnyOrder("fine", "poison", "flaky");
        assertThat(failed).containsExactly(id.get("flaky"));
        assertThat(q.receive(q.dlqUrl(), 1, Duration.ofSeconds(10))).singleElement().satisfies(m -> {
            assertThat(text(m)).isEqualTo("poison");
            assertThat(m.messageAttributes().get(DeadLetters.ATTR_ERROR).stringValue()).isEqualTo("store 999 is not in the catalog");
        });
    }

    @Test
    void runAllRetriesTheIdsItsStageReturns(LocalAws aws) {
        Queue q = Queue.create(aws);
        q.send("a", "b");
        List<Message> received = q.receive(q.url(), 2, Duration.ofSeconds(10));
        Map<String, String> id = idsByText(received);

        Set<String> failed = q.invoke(received, event -> q.runner().runAll(event, messages -> Set.of(id.get("b"))));

        assertThat(failed).containsExactly(id.get("b"));
    }
}
