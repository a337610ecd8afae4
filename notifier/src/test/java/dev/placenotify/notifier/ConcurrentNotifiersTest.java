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
import dev.placenotify.model.RunEvent;
import dev.placenotify.shell.EnvConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two notifier instances (two Lambda execution environments, each with its own clients) receive the
 * same reports at the same moment, as after a redelivery: every run still gets exactly one summary,
 * with nothing counted twice.
 */
@ExtendWith(LocalAwsExtension.class)
class ConcurrentNotifiersTest {
    private static final Instant CYCLE = Instant.parse("2025-10-22T05:00:00Z");
    private static final int RUNS = 4;

    @Test
    void twoNotifiersOnTheSameEventsPostExactlyOneSummaryPerRun(LocalAws aws) throws Exception {
        SimulatedClock clock = new SimulatedClock(CYCLE.plusSeconds(5));
        try (LocalWorld p = LocalWorld.start(aws, LocalWorld.Options.defaults(LocalAwsExtension.uniqueEnvironment("ncc"))
                .withoutStages(), clock);
             ExecutorService threads = Executors.newFixedThreadPool(2)) {
            NotifierConfig config = NotifierConfig.from(new EnvConfig(p.env()));
            NotifierHandler one = new NotifierHandler(new NotifierComponents(config, clock));
            NotifierHandler two = new NotifierHandler(new NotifierComponents(config, clock));
            Random random = new Random(7);
            for (int r = 0; r < RUNS; r++) {
                RunEvents run = new RunEvents("c20251022T14" + (10 + r), CYCLE.plusSeconds(60L * r));
                List<RunEvent> events = new ArrayList<>(List.of(run.started("1051707", "951291"),
                        run.fetched("1051707", 1, 9), run.fetched("951291", 1, 4)));
                List<JobRef> a = new ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    a.add(job("1051707", "r" + r + "b" + i, i % 3 == 0 ? "REMINDER" : "CONFIRMATION"));
                }
                List<JobRef> b = List.of(job("951291", "r" + r + "c1", "EVENT"));
                events.add(run.planned("1051707", 0, a, List.of()));
                events.add(run.planned("951291", 0, b, List.of()));
                a.forEach(j -> events.add(run.outcome(j, OutcomeStatus.SENT)));
                events.add(run.outcome(b.get(0), OutcomeStatus.FAILED));

                List<RunEvent> forOne = new ArrayList<>(events);
                List<RunEvent> forTwo = new ArrayList<>(events);
                Collections.shuffle(forOne, random);
                Collections.shuffle(forTwo, random);
                CyclicBarrier start = new CyclicBarrier(2);
                CompletableFuture<Void> first = CompletableFuture.runAsync(() -> deliver(one, forOne, start), threads);
                CompletableFuture<Void> second = CompletableFuture.runAsync(() -> deliver(two, forTwo, start), threads);
                CompletableFuture.allOf(first, second).join();
            }

            List<String> summaries = Posts.telegramSummaries(p);
            assertThat(summaries).hasSize(RUNS);
            for (int r = 0; r < RUNS; r++) {
                String runId = "c20251022T14" + (10 + r);
                assertThat(summaries).filteredOn(s -> s.contains("실행 " + runId)).singleElement().satisfies(s -> assertThat(s)
                        .contains("SMS 발송 12건: 예약확정 8 · 상세안내 4 · 리뷰요청 0")
                        .contains("계획 13 = 발송 12 + 실패 1 + 건너뜀 0 + 불명 0\n")
                        .contains("매장 2/2 처리"));
            }
            assertThat(Posts.slackSummaries(p)).hasSize(RUNS);
        }
    }

    /** In small batches, as an event source mapping would hand them over. */
    private static void deliver(NotifierHandler handler, List<RunEvent> events, CyclicBarrier start) {
        try {
            start.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        for (int i = 0; i < events.size(); i += 4) {
            var response = handler.handleRequest(RunEvents.sqsEvent(events.subList(i, Math.min(events.size(), i + 4))),
                    new LocalContext("notifier"));
            assertThat(response.getBatchItemFailures()).isEmpty();
        }
    }
}
