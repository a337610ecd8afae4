package dev.placenotify.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.placenotify.testsupport.LocalAwsExtension;
import dev.placenotify.local.LocalPipeline;
import dev.placenotify.testsupport.SimulatedClock;
import dev.placenotify.testsupport.aws.LocalAws;
import dev.placenotify.model.ContentType;
import dev.placenotify.model.MessageCodec;
import dev.placenotify.model.SmsJob;
import dev.placenotify.model.SmsType;
import dev.placenotify.shell.DeadLetters;
import dev.placenotify.model.Topology;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/** A message no stage can decode goes to its DLQ with the reason, and its batch-mates are processed. */
@ExtendWith(LocalAwsExtension.class)
class PoisonMessageTest {
    private static final Instant NOON = Instant.parse("2025-10-22T03:00:00Z");

    @Test
    void undecodableJobGoesToTheSmsDlqWithItsReasonWhileTheRestOfTheBatchIsSent(LocalAws aws) {
        try (LocalPipeline p = LocalPipeline.start(aws, LocalPipeline.Options.defaults(LocalAwsExtension.uniqueEnvironment("poison"))
                .withoutStages(), new SimulatedClock(NOON))) {
            String smsQueue = p.resources().queueUrl(Topology.SMS);
            List<String> bodies = List.of(
                    job("5001"),
                    "{\"schemaVersion\":1,\"runId\":\"r1\",\"storeId\":\"1051707\"}",
                    "this is not json",
                    job("5002"));
            // One SendMessageBatch, so the event source can hand all four to the sender in one invocation.
            p.aws().sqs().sendMessageBatch(b -> b.queueUrl(smsQueue).entries(
                    java.util.stream.IntStream.range(0, bodies.size()).mapToObj(i -> SendMessageBatchRequestEntry.builder()
                            .id("m" + i).messageBody(bodies.get(i)).build()).toList()));
            p.startStages();

            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> p.sens.messages().size() == 2
                    && p.depth(p.resources().dlqUrl(Topology.SMS), false) == 2);
            assertThat(p.sens.messages()).extracting(m -> m.idempotencyKey())
                    .containsExactlyInAnyOrder("1051707:5001:CONFIRMATION", "1051707:5002:CONFIRMATION");

            List<Message> dead = p.aws().sqs().receiveMessage(b -> b.queueUrl(p.resources().dlqUrl(Topology.SMS))
                    .maxNumberOfMessages(10).messageAttributeNames("All")).messages();
            assertThat(dead).hasSize(2);
            Map<String, String> reasonByBody = new java.util.HashMap<>();
            dead.forEach(m -> reasonByBody.put(m.body(), m.messageAttributes().get(DeadLetters.ATTR_ERROR).stringValue()));
            assertThat(reasonByBody.get(bodies.get(1))).startsWith("SmsJob:").contains("missing required field 'bookingId'");
            assertThat(reasonByBody.get(bodies.get(2))).startsWith("SmsJob:");
            assertThat(dead).allSatisfy(m -> assertThat(m.messageAttributes().get(DeadLetters.ATTR_STAGE).stringValue())
                    .isEqualTo("sender"));
            // The source queue ends empty once the event source has deleted the batch: no poison message is
            // left to be retried (the deletes follow the handler's return, hence the wait).
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> p.depth(smsQueue, true) == 0);
            Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                    .until(() -> p.depth(smsQueue, true) == 0 && p.sens.messages().size() == 2);
        }
    }

    private static String job(String bookingId) {
        return MessageCodec.encode(new SmsJob(1, "r1", "1051707", bookingId, "CONFIRMATION", null, null, "01012345678",
                "0311234567", SmsType.SMS, ContentType.COMM, null, "[화성점] 예약이 확정되었습니다.",
                "1051707:" + bookingId + ":CONFIRMATION", NOON, NOON.plusSeconds(86_400), null));
    }
}
