package dev.placenotify.notifier;

import dev.placenotify.testsupport.LocalContext;

import static dev.placenotify.notifier.RunEvents.job;
import static org.assertj.core.api.Assertions.assertThat;

import dev.placenotify.testsupport.LocalAwsExtension;
import dev.placenotify.testsupport.LocalWorld;
import dev.placenotify.testsupport.SimulatedClock;
import dev.placenotify.testsupport.aws.LocalAws;
import dev.placenotify.model.JobRef;
import dev.placenotify.model.OutcomeStatus;
import dev.placenotify.shell.EnvConfig;
import dev.placenotify.model.Topology;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The ledger's races, on dynalite: outcomes against the summary's close, two summaries taking late outcomes, a dead claim. */
@ExtendWith(LocalAwsExtension.class)
class LedgerRacesTest {
    private static final Instant CYCLE = Instant.parse("2025-10-22T05:00:00Z");

    @Test
    void everyOutcomeRacingTheCloseIsInTheSummaryOrLateNeverBothNeverLost(LocalAws aws) throws Exception {
        try (LocalWorld p = LocalWorld.start(aws, LocalWorld.Options.defaults(LocalAwsExtension.uniqueEnvironment("nrc"))
                .withoutStages(), new SimulatedClock(CYCLE));
             ExecutorService threads = Executors.newFixedThreadPool(3)) {
            LateOutcomes lateOutcomes = new LateOutcomes(aws.dynamo(), p.table(Topology.RUNS), p.clock());
            RunLedger ledger = new RunLedger(aws.dynamo(), p.table(Topology.RUNS), Duration.ofMinutes(10), Duration.ofDays(1),
                    lateOutcomes, p.clock());
            RunEvents run = new RunEvents("c20251022T1400", CYCLE);
            ledger.touchRun(run.runId, CYCLE);
            List<JobRef> jobs = new ArrayList<>();
            for (int i = 0; i < 120; i++) {
                jobs.add(job("1051707", "b" + i, "CONFIRMATION"));
            }
            CountDownLatch halfway = new CountDownLatch(40);
            AtomicInteger late = new AtomicInteger();
            AtomicInteger duplicates = new AtomicInteger();
            List<CompletableFuture<Void>> writers = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                int offset = w;
                writers.add(CompletableFuture.runAsync(() -> {
                    // Both writers report every outcome (a redelivery), in opposite orders.
                    for (int i = 0; i < jobs.size(); i++) {
                        JobRef j = jobs.get(offset == 0 ? i : jobs.size() - 1 - i);
                        switch (ledger.recordOutcome(run.outcome(j, OutcomeStatus.SENT))) {
                            case LATE -> late.incrementAndGet();
                            case DUPLICATE -> duplicates.incrementAndGet();
                            case COUNTED -> { }
                        }
                        halfway.countDown();
                    }
                }, threads));
            }
            halfway.await();
            assertThat(ledger.claimSummary(run.runId, CYCLE.plusSeconds(60), CYCLE)).isTrue();
            ledger.closeOutcomes(run.runId);
            int inSummary = ledger.load(run.runId).orElseThrow().outcomes().total();
            CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).join();

            Map<String, OutcomeCounts> taken = lateOutcomes.takeLateOutcomes("another-run");
            int lateTaken = taken.getOrDefault(run.runId, OutcomeCounts.empty()).total();
            assertThat(inSummary).as("some before the close").isPositive();
            assertThat(inSummary + lateTaken).isEqualTo(jobs.size());
            assertThat(lateTaken).isEqualTo(late.get());
            assertThat(duplicates.get()).isEqualTo(jobs.size());
            assertThat(ledger.load(run.runId).orElseThrow().outcomes().total()).as("the summary's figures do not move").isEqualTo(inSummary);
            assertThat(lateOutcomes.takeLateOutcomes("a-third-run")).as("taken once: no other summary gets them").isEmpty();
            assertThat(lateOutcomes.takeLateOutcomes("another-run").getOrDefault(run.runId, OutcomeCounts.empty()).total())
                    .as("the summary that took them (or its takeover) reads the same again").isEqualTo(lateTaken);
        }
    }

    @Test
    void twoSummariesTakingLateOutcomesAtOnceReportEachOnce(LocalAws aws) throws Exception {
        try (LocalWorld p = LocalWorld.start(aws, LocalWorld.Options.defaults(LocalAwsExtension.uniqueEnvironment("nrt"))
                .withoutStages(), new SimulatedClock(CYCLE));
             ExecutorService threads = Executors.newFixedThreadPool(2)) {
            LateOutcomes lateOutcomes = new LateOutcomes(aws.dynamo(), p.table(Topology.RUNS), p.clock());
            RunLedger ledger = new RunLedger(aws.dynamo(), p.table(Topology.RUNS), Duration.ofMinutes(10), Duration.ofDays(1),
                    lateOutcomes, p.clock());
            RunEvents run = new RunEvents("c20251022T1400", CYCLE);
            ledger.touchRun(run.runId, CYCLE);
            assertThat(ledger.claimSummary(run.runId, CYCLE, CYCLE)).isTrue();
            ledger.closeOutcomes(run.runId);
            for (int i = 0; i < 40; i++) {
                assertThat(ledger.recordOutcome(run.outcome(job("1051707", "b" + i, "REMINDER"), OutcomeStatus.SENT)))
                        .isEqualTo(RunLedger.OutcomeRecord.LATE);
            }
            for (int round = 0; round < 3; round++) {
                // Each round, two more summaries (each run's summary takes for itself).
                String one = "r1-" + round;
                String two = "r2-" + round;
                CompletableFuture<Map<String, OutcomeCounts>> a = CompletableFuture.supplyAsync(() -> lateOutcomes.takeLateOutcomes(one), threads);
                CompletableFuture<Map<String, OutcomeCounts>> b = CompletableFuture.supplyAsync(() -> lateOutcomes.takeLateOutcomes(two), threads);
                int total = a.join().getOrDefault(run.runId, OutcomeCounts.empty()).total()
                        + b.join().getOrDefault(run.runId, OutcomeCounts.empty()).total();
                assertThat(total).as("round " + round).isEqualTo(round == 0 ? 40 : 0);
            }
        }
    }

    @Test
    void aClaimWhoseNotifierDiedIsTakenOverAndTheSummaryStillPosted(LocalAws aws) {
        SimulatedClock clock = new SimulatedClock(CYCLE.plusSeconds(2));
        try (LocalWorld p = LocalWorld.start(aws, LocalWorld.Options.defaults(LocalAwsExtension.uniqueEnvironment("nst"))
                .withEnv(Map.of("SUMMARY_CLAIM_TIMEOUT_SECONDS", "180")).withoutStages(), clock)) {
            NotifierComponents components = new NotifierComponents(NotifierConfig.from(new EnvConfig(p.env())), clock);
            LateOutcomes lateOutcomes = new LateOutcomes(aws.dynamo(), p.table(Topology.RUNS), p.clock());
            RunLedger ledger = new RunLedger(aws.dynamo(), p.table(Topology.RUNS), Duration.ofMinutes(10), Duration.ofDays(1),
                    lateOutcomes, p.clock());
            RunEvents run = new RunEvents("c20251022T1400", CYCLE);
            JobRef j = job("1051707", "b1", "CONFIRMATION");
            // Everything but the last outcome; then a notifier claims the run and dies before posting.
            new NotifierHandler(components).handleRequest(RunEvents.sqsEvent(List.of(run.started("1051707"),
                    run.fetched("1051707", 1, 2), run.planned("1051707", 0, List.of(j), List.of()))), new LocalContext("notifier"));
            assertThat(ledger.claimSummary(run.runId, clock.instant(), clock.instant().minusSeconds(180))).isTrue();
            new NotifierHandler(components).handleRequest(RunEvents.sqsEvent(List.of(run.outcome(j, OutcomeStatus.SENT))),
                    new LocalContext("notifier"));
            SweepHandler sweep = new SweepHandler(components);
            sweep.handleRequest(Map.of(), new LocalContext("sweep"));
            assertThat(Posts.telegramSummaries(p)).as("the claim is fresh: its holder may still post").isEmpty();

            clock.set(clock.instant().plusSeconds(181));
            sweep.handleRequest(Map.of(), new LocalContext("sweep"));
            assertThat(Posts.telegramSummaries(p)).singleElement().satisfies(s -> assertThat(s).contains("실행 완료")
                    .contains("계획 1 = 발송 1 + 실패 0 + 건너뜀 0 + 불명 0"));
            sweep.handleRequest(Map.of(), new LocalContext("sweep"));
            assertThat(Posts.telegramSummaries(p)).hasSize(1);
        }
    }
}
