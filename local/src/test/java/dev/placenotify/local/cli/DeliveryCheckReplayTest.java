package dev.placenotify.local.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.placenotify.local.LocalPipeline;
import dev.placenotify.model.DeliveryCheck;
import dev.placenotify.model.MessageCodec;
import dev.placenotify.model.Topology;
import dev.placenotify.model.env.DeliveryCheckEnv;
import dev.placenotify.model.items.IdempotencyTableLayout;
import dev.placenotify.testsupport.LocalAwsExtension;
import dev.placenotify.testsupport.SimulatedClock;
import dev.placenotify.testsupport.aws.LocalAws;
import dev.placenotify.testsupport.sim.NaverBookingJson;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The delivery checks' DLQ is seen by {@code status} and replayed by {@code replay --stage delivery-check} like a
 * stage's: a dead-lettered check looks the result up once it is back, and a second copy replayed after the result is
 * final asks SENS nothing and sends nothing.
 */
@ExtendWith(LocalAwsExtension.class)
class DeliveryCheckReplayTest {
    private static final Instant CYCLE = Instant.parse("2025-10-22T05:00:00Z");
    private static final String STORE = "1051707";
    private static final String KEY = STORE + ":9402:CONFIRMATION";

    @Test
    void aDeadLetteredCheckIsShownReplayedAndLooksUpOnceAndAFinalResultIsNotLookedUpAgain(LocalAws aws) {
        // The automatic first look would come only after ten minutes: the only check here is the replayed one.
        try (LocalPipeline p = LocalPipeline.start(aws, LocalPipeline.Options.defaults(LocalAwsExtension.uniqueEnvironment("dcreplay"))
                .withDeliveryChecks().withEnv(Map.of(DeliveryCheckEnv.DELIVERY_FIRST_CHECK_SECONDS, "600",
                        DeliveryCheckEnv.DELIVERY_CHECK_MAX_INTERVAL_SECONDS, "600",
                        DeliveryCheckEnv.DELIVERY_CHECK_DEADLINE_SECONDS, "3600")), new SimulatedClock(CYCLE))) {
            OperatorRun op = new OperatorRun(p);
            p.naver.setBookings(STORE, List.of(NaverBookingJson.of(9402, STORE, "룸 A", "RC03", "김민수", "010-1234-5678", 2,
                    CYCLE.minusSeconds(3600), CYCLE.plus(Duration.ofDays(1)), Duration.ofHours(2))));
            OperatorRun.Result backfill = op.run("backfill", "--store", STORE, "--from", "2025-10-23", "--to", "2025-10-23",
                    "--mode", "normal", "--yes");
            assertThat(backfill.code()).as(backfill.toString()).isZero();
            await().atMost(Duration.ofSeconds(30)).until(() -> "SENT".equals(attribute(p, IdempotencyTableLayout.OUTCOME)));
            String dlq = p.resources().dlqUrl(Topology.DELIVERY);
            String check = MessageCodec.encode(DeliveryCheck.first(attribute(p, IdempotencyTableLayout.RUN_ID), KEY,
                    DeliveryCheck.Purpose.RESULT, CYCLE, CYCLE));
            // As SQS's redrive leaves a check that failed its last receive.
            p.aws().sqs().sendMessage(b -> b.queueUrl(dlq).messageBody(check));

            OperatorRun.Result status = op.run("status", "--stage", "delivery-check", "--json");
            assertThat(status.code()).as(status.toString()).isZero();
            JsonNode row = status.json().path("stages").get(0);
            assertThat(row.path("stage").asText()).isEqualTo("delivery-check");
            assertThat(row.path("queue").path("name").asText()).isEqualTo(Topology.DELIVERY.queueName(p.resources().environmentName()));
            assertThat(row.path("dlq").path("visible").asLong()).isEqualTo(1);
            assertThat(op.run("status").out()).containsPattern("delivery-check +place-notify-\\S+-delivery ")
                    .containsPattern("session-renewal +place-notify-\\S+-renewal ");

            OperatorRun.Result replay = op.run("replay", "--stage", "delivery-check", "--yes", "--watch", "0");
            assertThat(replay.code()).as(replay.toString()).isZero();
            await().atMost(Duration.ofSeconds(30)).until(() -> "DELIVERED".equals(attribute(p, IdempotencyTableLayout.DELIVERY)));
            p.awaitQuiet(Duration.ofSeconds(3));
            int lookups = p.sens.lookups().lookups();
            assertThat(lookups).as("the replayed check looked the result up").isPositive();

            p.aws().sqs().sendMessage(b -> b.queueUrl(dlq).messageBody(check));
            assertThat(op.run("replay", "--stage", "delivery-check", "--yes", "--watch", "0").code()).isZero();
            await().atMost(Duration.ofSeconds(30)).until(() -> p.depth(p.resources().queueUrl(Topology.DELIVERY), true) == 0
                    && p.depth(dlq, true) == 0);
            p.awaitQuiet(Duration.ofSeconds(3));
            assertThat(p.sens.lookups().lookups()).as("a final result is not looked up again").isEqualTo(lookups);
            assertThat(p.sens.countByKey(KEY)).as("no path of a check sends").isEqualTo(1);
            assertThat(attribute(p, IdempotencyTableLayout.DELIVERY)).isEqualTo("DELIVERED");
        }
    }

    private static String attribute(LocalPipeline p, String name) {
        Map<String, AttributeValue> item = p.aws().dynamo().getItem(b -> b.tableName(p.table(Topology.IDEMPOTENCY))
                .consistentRead(true).key(Map.of(IdempotencyTableLayout.KEY, AttributeValue.fromS(KEY)))).item();
        return item == null || !item.containsKey(name) ? null : item.get(name).s();
    }
}
