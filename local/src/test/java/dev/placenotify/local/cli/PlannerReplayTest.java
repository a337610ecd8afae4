package dev.placenotify.local.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.placenotify.testsupport.LocalAwsExtension;
import dev.placenotify.testsupport.BundledStores;
import dev.placenotify.local.LocalPipeline;
import dev.placenotify.testsupport.SimulatedClock;
import dev.placenotify.testsupport.aws.LocalAws;
import dev.placenotify.model.Booking;
import dev.placenotify.model.BookingSnapshot;
import dev.placenotify.model.DateWindow;
import dev.placenotify.model.FetchMode;
import dev.placenotify.model.Messages;
import dev.placenotify.shell.QueuePublisher;
import dev.placenotify.model.Topology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Planner fault that an operator can fix: a snapshot names a store the planner's catalog does not know
 * (a fetcher deployed with a newer stores.json than the planner). The planner dead-letters it at once
 * with the reason; deploying the catalog to the planner fixes it, and the replayed snapshot is planned.
 */
@ExtendWith(LocalAwsExtension.class)
class PlannerReplayTest {
    private static final Instant CYCLE = Instant.parse("2025-10-22T05:00:00Z");
    private static final String NEW_STORE = "2000001";
    private static final String CATALOG = """
            {"defaultCallbackNumber": "0311234567", "stores": [
              {"storeId": "1051707", "name": "화성점", "callbackNumber": "0311234567"}%s
            ]}
            """;

    @Test
    void aSnapshotOfAStoreMissingFromTheCatalogIsPlannedWhenReplayedAfterTheCatalogIsDeployed(LocalAws aws, @TempDir Path dir)
            throws Exception {
        Path stores = Files.writeString(dir.resolve("stores.json"), BundledStores.withChainDefaults(CATALOG.formatted("")));
        try (LocalPipeline p = LocalPipeline.start(aws, LocalPipeline.Options.defaults(LocalAwsExtension.uniqueEnvironment("opplan"))
                .withStores(stores).withVisibility(Duration.ofSeconds(1)), new SimulatedClock(CYCLE))) {
            OperatorRun op = new OperatorRun(p);
            String snapshotDlq = p.resources().dlqUrl(Topology.SNAPSHOT);
            Instant start = CYCLE.plus(Duration.ofDays(1));
            Booking booking = new Booking("9201", NEW_STORE, "룸 B", "RC03", "박지민", "010-5555-6666", 1,
                    CYCLE.minusSeconds(600), LocalDate.ofInstant(start, Messages.KST), start, start.plus(Duration.ofHours(1)));
            LocalDate day = LocalDate.ofInstant(start, Messages.KST);
            new QueuePublisher(p.aws().sqs(), p.resources().queueUrl(Topology.SNAPSHOT)).publish(new BookingSnapshot(
                    Messages.SCHEMA_VERSION, "c20251022T1400", NEW_STORE, CYCLE, CYCLE, FetchMode.NORMAL,
                    new DateWindow(day, day), 0, 1, List.of(booking), List.of()));
            await().atMost(Duration.ofSeconds(20)).until(() -> p.depth(snapshotDlq, true) == 1);

            OperatorRun.Result dry = op.run("replay", "--stage", "planner", "--dry-run");
            assertThat(dry.code()).as(dry.toString()).isZero();
            assertThat(dry.out()).contains("c20251022T1400").contains(NEW_STORE).contains("planner")
                    .contains("store " + NEW_STORE + " is not in the store catalog");
            assertThat(p.depth(snapshotDlq, true)).isEqualTo(1);

            // The fix: the catalog with the new store, deployed (the stages restart with it).
            Files.writeString(stores, BundledStores.withChainDefaults(CATALOG.formatted(
                    ",\n  {\"storeId\": \"" + NEW_STORE + "\", \"name\": \"신규점\", \"callbackNumber\": \"0311234599\"}")));
            p.stopStages();
            p.startStages();

            OperatorRun.Result replay = op.run("replay", "--stage", "planner", "--yes");
            assertThat(replay.code()).as(replay.toString()).isZero();
            assertThat(replay.out()).contains("replayed 1 message(s)");
            await().atMost(Duration.ofSeconds(30)).until(() -> p.sens.countByKey(NEW_STORE + ":9201:CONFIRMATION") == 1);
            p.awaitQuiet(Duration.ofSeconds(10));
            assertThat(p.depth(snapshotDlq, true)).isZero();
            assertThat(p.sens.messagesTo("01055556666")).hasSize(1);
        }
    }
}
