package dev.placenotify.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.placenotify.testsupport.LocalAwsExtension;
import dev.placenotify.testsupport.LocalWorld;
import dev.placenotify.testsupport.SimulatedClock;
import dev.placenotify.testsupport.aws.LocalAws;
import dev.placenotify.model.DeliveryReported;
import dev.placenotify.model.DeliveryStatus;
import dev.placenotify.model.JobRef;
import dev.placenotify.notifier.DeliveryCounts;
import dev.placenotify.notifier.DeliveryLedger;
import dev.placenotify.model.Topology;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The delivery results' take on dynalite: a summariser that dies after its take and is taken over reports exactly
 * what it took (the takeover's take finds its own record and reads it back); two summaries taking at once never
 * both get a result; a result that arrives later is taken exactly once; the day's counts are not consumed.
 */
@ExtendWith(LocalAwsExtension.class)
class DeliveryLedgerTakeTest {
    private static final Instant CYCLE = Instant.parse("2025-10-22T05:00:00Z");

    @Test
    void eachResultIsTakenByExactlyOneSummaryAndATakeoverReadsBackWhatItsPredecessorTook(LocalAws aws) throws Exception {
        SimulatedClock clock = new SimulatedClock(CYCLE.plusSeconds(600));
        try (LocalWorld p = LocalWorld.start(aws, LocalWorld.Options.defaults(LocalAwsExtension.uniqueEnvironment("dlt"))
                .withoutStages(), clock)) {
            DeliveryLedger ledger = new DeliveryLedger(p.aws().dynamo(), p.table(Topology.RUNS), clock);
            for (int i = 0; i < 40; i++) {
                assertThat(ledger.record(report("b" + i, i % 4 == 0 ? DeliveryStatus.FAILED : DeliveryStatus.DELIVERED))).isTrue();
            }
            assertThat(ledger.record(report("b0", DeliveryStatus.FAILED))).as("counted once").isFalse();

            // Two summarisers take at once (two notifier instances): between them, every result exactly once.
            CompletableFuture<DeliveryCounts> a = CompletableFuture.supplyAsync(() -> ledger.take("c20251022T1420"));
            CompletableFuture<DeliveryCounts> b = CompletableFuture.supplyAsync(() -> ledger.take("c20251022T1440"));
            DeliveryCounts first = a.get();
            DeliveryCounts second = b.get();
            assertThat(first.total("DELIVERED") + second.total("DELIVERED")).isEqualTo(30);
            assertThat(first.total("FAILED") + second.total("FAILED")).isEqualTo(10);
            assertThat(first.lines().size() + second.lines().size()).as("the failures' lines too").isEqualTo(10);

            // The first summariser died after its take; its takeover takes again and reads back exactly the same.
            assertThat(ledger.take("c20251022T1420")).isEqualTo(first);
            assertThat(ledger.taken("c20251022T1420")).isEqualTo(first);

            // A result that arrives now goes to exactly one later take: the next summary's, or a takeover's of a summary
            // that was never saved (it reports what it took before plus the new one; nothing doubled, nothing lost).
            ledger.record(report("late", DeliveryStatus.DELIVERED));
            DeliveryCounts takeover = ledger.take("c20251022T1440");
            assertThat(takeover.total("DELIVERED")).isGreaterThanOrEqualTo(second.total("DELIVERED"));
            assertThat(takeover.total("FAILED")).isEqualTo(second.total("FAILED"));
            DeliveryCounts next = ledger.take("c20251022T1500");
            assertThat(takeover.total("DELIVERED") - second.total("DELIVERED") + next.total("DELIVERED")).isEqualTo(1);
            assertThat(ledger.take("c20251022T1520").isEmpty()).as("nothing is taken twice").isTrue();

            // The day's counts for the digest are all there.
            DeliveryCounts day = ledger.day(LocalDate.of(2025, 10, 22));
            assertThat(day.total("DELIVERED")).isEqualTo(31);
            assertThat(day.total("FAILED")).isEqualTo(10);
        }
    }

    private static DeliveryReported report(String booking, DeliveryStatus status) {
        JobRef job = RunEvents.job("1051707", booking, "CONFIRMATION", "예약확정", "김*수", "5678");
        return DeliveryReported.of("c20251022T1400", job, DeliveryReported.Kind.DELIVERY, status,
                status == DeliveryStatus.FAILED ? "3018" : "0", status == DeliveryStatus.FAILED ? "수신 거부" : "성공", "SKT",
                CYCLE, CYCLE.plusSeconds(300));
    }
}
