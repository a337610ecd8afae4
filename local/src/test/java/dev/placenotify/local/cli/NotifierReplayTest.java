package dev.placenotify.local.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.placenotify.testsupport.LocalAwsExtension;
import dev.placenotify.local.LocalPipeline;
import dev.placenotify.testsupport.sim.NaverBookingJson;
import dev.placenotify.testsupport.SimulatedClock;
import dev.placenotify.testsupport.aws.LocalAws;
import dev.placenotify.model.Topology;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * A SEED backfill records the store's bookings and texts no one. Its run's reports meet a notifier fault
 * an operator can fix: the runs table is gone (deleted by mistake), so every report fails until the
 * redrive policy moves it to the result DLQ. Restoring the table fixes it; the replayed reports complete
 * the run and its summary is posted.
 */
@ExtendWith(LocalAwsExtension.class)
class NotifierReplayTest {
    private static final Instant CYCLE = Instant.parse("2025-10-22T05:00:00Z");
    private static final String STORE = "1051707";

    @Test
    void aSeedBackfillRecordsStateSendsNothingAndItsReportsAreReplayedOnceTheRunsTableIsBack(LocalAws aws) {
        try (LocalPipeline p = LocalPipeline.start(aws, LocalPipeline.Options.defaults(LocalAwsExtension.uniqueEnvironment("opnotify"))
                .withVisibility(Duration.ofSeconds(1)), new SimulatedClock(CYCLE))) {
            OperatorRun op = new OperatorRun(p);
            String resultDlq = p.resources().dlqUrl(Topology.RESULT);
            p.naver.setBookings(STORE, List.of(
                    NaverBookingJson.of(9301, STORE, "룸 A", "RC03", "김민수", "010-1234-5678", 2, CYCLE.minusSeconds(7200),
                            CYCLE.plus(Duration.ofHours(1)), Duration.ofHours(2)),
                    NaverBookingJson.of(9302, STORE, "룸 B", "RC03", "이영희", "010-2345-6789", 1, CYCLE.minusSeconds(7200),
                            CYCLE.plus(Duration.ofDays(2)), Duration.ofHours(2))));
            String runs = p.table(Topology.RUNS);
            p.aws().dynamo().deleteTable(b -> b.tableName(runs));

            OperatorRun.Result backfill = op.run("backfill", "--store", STORE, "--from", "2025-10-22", "--to", "2025-10-28", "--yes");
            assertThat(backfill.code()).as(backfill.toString()).isZero();
            assertThat(backfill.out()).contains("mode SEED");
            String runId = backfill.runId();
            // Every report of the run (RunStarted, StoreFetched, ChunkPlanned, ...) is redriven after five failed deliveries.
            String resultQueue = p.resources().queueUrl(Topology.RESULT);
            await().atMost(Duration.ofSeconds(40)).until(() -> p.depth(resultDlq, true) >= 3 && p.depth(resultQueue, true) == 0);
            p.awaitQuiet(Duration.ofSeconds(10));
            int dead = p.depth(resultDlq, true);

            // Seed: state recorded for both bookings, no SMS.
            var items = p.aws().dynamo().scan(b -> b.tableName(p.table(Topology.BOOKINGS))).items();
            assertThat(items).extracting(i -> i.get("bookingId").s()).containsExactlyInAnyOrder("9301", "9302");
            assertThat(p.sens.messages()).isEmpty();

            OperatorRun.Result dry = op.run("replay", "--stage", "notifier", "--dry-run");
            assertThat(dry.code()).as(dry.toString()).isZero();
            assertThat(dry.out()).contains(runId).contains("RunStarted").contains("StoreFetched").contains("ChunkPlanned")
                    .contains(dead + " listed");

            // The fix: the runs table restored (as the stack would recreate it).
            p.aws().dynamo().createTable(b -> b.tableName(runs).billingMode(BillingMode.PAY_PER_REQUEST)
                    .keySchema(k -> k.attributeName("runId").keyType(KeyType.HASH), k -> k.attributeName("item").keyType(KeyType.RANGE))
                    .attributeDefinitions(a -> a.attributeName("runId").attributeType(ScalarAttributeType.S),
                            a -> a.attributeName("item").attributeType(ScalarAttributeType.S)));
            p.aws().dynamo().waiter().waitUntilTableExists(b -> b.tableName(runs));

            OperatorRun.Result replay = op.run("replay", "--stage", "notifier", "--yes");
            assertThat(replay.code()).as(replay.toString()).isZero();
            assertThat(replay.out()).contains("replayed " + dead + " message(s)");
            LocalPipeline.RunStatus status = p.awaitRun(runId, Duration.ofSeconds(30));
            assertThat(status.summarized()).as(() -> "run " + runId + " not summarized; runs table: "
                    + p.aws().dynamo().scan(b -> b.tableName(runs)).items() + "; result queue "
                    + p.depth(p.resources().queueUrl(Topology.RESULT), true) + ", DLQ " + p.depth(resultDlq, true)).isTrue();
            assertThat(status.complete()).isTrue();
            assertThat(p.telegram.messages()).anyMatch(m -> m.text().contains("매장 1/1"));
            assertThat(p.sens.messages()).isEmpty();
            assertThat(p.depth(resultDlq, true)).isZero();

            JsonNode listed = op.run("status", "--json").json().path("runs");
            assertThat(listed.get(0).path("runId").asText()).isEqualTo(runId);
            assertThat(listed.get(0).path("status").asText()).isEqualTo("SUMMARIZED");
            assertThat(listed.get(0).path("mode").asText()).isEqualTo("SEED");
            assertThat(p.aws().dynamo().getItem(b -> b.tableName(runs).key(Map.of("runId", AttributeValue.fromS(runId),
                    "item", AttributeValue.fromS("RUN")))).item().get("summaryLine").s()).isNotBlank();
        }
    }
}
