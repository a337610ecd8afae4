package dev.placenotify.sender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.placenotify.testsupport.LocalAwsExtension;
import dev.placenotify.testsupport.aws.LocalAws;
import dev.placenotify.model.MessageCodec;
import dev.placenotify.shell.QueuePublisher;
import dev.placenotify.shell.SqsBatchPlan;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/** QueuePublisher against ElasticMQ through the real SDK client: SQS's size limits hold for every call. */
@ExtendWith(LocalAwsExtension.class)
class QueuePublisherLimitsTest {
    private static final int KIB = 1024;

    private static String queue(LocalAws aws) {
        String name = LocalAwsExtension.uniqueEnvironment("publisher-limits");
        return aws.sqs().createQueue(b -> b.queueName(name)).queueUrl();
    }

    /** A JSON message of about {@code bytes} bytes, numbered. */
    private static Map<String, Object> message(int index, int bytes) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", index);
        m.put("padding", "가".repeat(bytes / 3)); // 3 bytes each in UTF-8: the limit counts bytes, not characters
        return m;
    }

    private static long bytes(SendMessageBatchRequest batch) {
        return batch.entries().stream().mapToLong(e -> e.messageBody().getBytes(StandardCharsets.UTF_8).length).sum();
    }

    private static List<Message> drain(LocalAws aws, String url, int expected) {
        List<Message> out = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (out.size() < expected && System.nanoTime() < deadline) {
            out.addAll(aws.sqs().receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1)).messages());
        }
        return out;
    }

    @Test
    void tenChunksOf200KiBArriveWithEveryCallUnder256KiB(LocalAws aws) throws Exception {
        String url = queue(aws);
        RecordingSqsClient sqs = new RecordingSqsClient(aws.sqs());
        List<Object> chunks = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            chunks.add(message(i, 200 * KIB));
        }

        new QueuePublisher(sqs, url).publishAll(chunks);

        assertThat(sqs.batches()).hasSize(10).allSatisfy(b -> {
            assertThat(b.entries()).hasSizeLessThanOrEqualTo(SqsBatchPlan.MAX_ENTRIES);
            assertThat(bytes(b)).isLessThanOrEqualTo(SqsBatchPlan.MAX_BYTES);
        });
        List<Message> received = drain(aws, url, 10);
        TreeSet<Integer> indices = new TreeSet<>();
        for (Message m : received) {
            assertThat(m.body().getBytes(StandardCharsets.UTF_8).length).isGreaterThan(200 * KIB - 10);
            indices.add(MessageCodec.mapper().readTree(m.body()).get("index").asInt());
        }
        assertThat(indices).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    }

    @Test
    void mixedSizesArePackedInOrderWithinBothLimits(LocalAws aws) throws Exception {
        String url = queue(aws);
        RecordingSqsClient sqs = new RecordingSqsClient(aws.sqs());
        List<Object> messages = new ArrayList<>();
        int[] sizes = {100 * KIB, 100 * KIB, 100 * KIB, 1 * KIB, 1 * KIB, 1 * KIB, 1 * KIB, 1 * KIB, 1 * KIB, 1 * KIB,
                1 * KIB, 1 * KIB, 1 * KIB, 1 * KIB, 250 * KIB};
        for (int i = 0; i < sizes.length; i++) {
            messages.add(message(i, sizes[i]));
        }

        new QueuePublisher(sqs, url).publishAll(messages);

        List<SendMessageBatchRequest> batches = sqs.batches();
        assertThat(batches).allSatisfy(b -> {
            assertThat(b.entries()).hasSizeLessThanOrEqualTo(10);
            assertThat(bytes(b)).isLessThanOrEqualTo(SqsBatchPlan.MAX_BYTES);
        });
        List<Integer> sentOrder = new ArrayList<>();
        for (SendMessageBatchRequest b : batches) {
            for (SendMessageBatchRequestEntry e : b.entries()) {
                sentOrder.add(MessageCodec.mapper().readTree(e.messageBody()).get("index").asInt());
            }
        }
        assertThat(sentOrder).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14);
        // 100+100 | 100 + nine of 1 KiB | two of 1 KiB + 250: three calls where two of ten (~560 KiB) would be refused.
        assertThat(batches).extracting(b -> b.entries().size()).containsExactly(2, 10, 3);
        assertThat(drain(aws, url, sizes.length)).hasSize(sizes.length);
    }

    @Test
    void aMessageTooLargeForSqsFailsClearlyBeforeAnythingIsSent(LocalAws aws) {
        String url = queue(aws);
        RecordingSqsClient sqs = new RecordingSqsClient(aws.sqs());

        assertThatThrownBy(() -> new QueuePublisher(sqs, url).publishAll(List.of(message(0, KIB), message(1, 300 * KIB))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("message 2 of 2").hasMessageContaining("at most 262144 bytes");

        assertThat(sqs.batches()).as("nothing half published").isEmpty();
    }

    @Test
    void aDelayedMessageStaysInvisibleForItsDelay(LocalAws aws) {
        String url = queue(aws);
        QueuePublisher publisher = new QueuePublisher(aws.sqs(), url);
        long started = System.nanoTime();

        publisher.publishDelayed(List.of(new QueuePublisher.Delayed(message(7, 10), Duration.ofMillis(1500))));

        assertThat(aws.sqs().receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(0)).messages()).isEmpty();
        List<Message> later = drain(aws, url, 1);
        assertThat(later).hasSize(1);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("rounded up to 2 s").isGreaterThanOrEqualTo(Duration.ofMillis(1900));
        assertThatThrownBy(() -> new QueuePublisher.Delayed(message(8, 10), Duration.ofSeconds(901)))
                .hasMessageContaining("900");
    }
}
