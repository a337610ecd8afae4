package dev.placenotify.notifier;

import dev.placenotify.testsupport.LocalContext;

import static dev.placenotify.notifier.RunEvents.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.placenotify.testsupport.LocalAwsExtension;
import dev.placenotify.testsupport.BundledStores;
import dev.placenotify.local.LocalPipeline;
import dev.placenotify.testsupport.SimulatedClock;
import dev.placenotify.testsupport.aws.LocalAws;
import dev.placenotify.model.JobRef;
import dev.placenotify.model.OutcomeStatus;
import dev.placenotify.model.RunEvent;
import dev.placenotify.shell.EnvConfig;
import dev.placenotify.model.Topology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A run that cannot complete is summarised at its deadline, naming what is missing; what arrives later is not lost. */
@ExtendWith(LocalAwsExtension.class)
class DeadlineAndLateOutcomesTest {
    private static final Instant CYCLE = Instant.parse("2025-10-22T05:00:00Z");

    @Test
    void aStoreFailingToTheDlqIsNamedInAnIncompleteSummaryAfterTheDeadline(LocalAws aws, @TempDir Path dir) throws Exception {
        Path stores = dir.resolve("stores.json");
        Files.writeString(stores, BundledStores.withChainDefaults("""
                {"defaultCallbackNumber": "0311234567", "stores": [
                  {"storeId": "1051707", "name": "화성점", "callbackNumber": "0311234567"},
                  {"storeId": "2000001", "name": "시흥2호점", "callbackNumber": "0311234599"}]}
                """));
        LocalPipeline.Options options = LocalPipeline.Options.defaults(LocalAwsExtension.uniqueEnvironment("ndl"))
                .withStores(stores).withVisibility(Duration.ofSeconds(2))
                .withEnv(Map.of("RUN_DEADLINE_SECONDS", "60", "NAVER_TIMEOUT_SECONDS", "0.5", "NAVER_MAX_ATTEMPTS", "1"));
        try (LocalPipeline p = LocalPipeline.start(aws, options, new SimulatedClock(CYCLE))) {
            // Naver never answers for the second store in time: every fetch of it fails until the DLQ takes it.
            p.naver.setBusinessLatency("2000001", Duration.ofSeconds(5));
            String runId = p.tick(CYCLE);
            String fetchDlq = p.resources().dlqUrl(Topology.FETCH);
            await().atMost(Duration.ofSeconds(30)).until(() -> p.depth(fetchDlq, true) >= 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> !Posts.telegramAlerts(p).isEmpty());
            p.awaitQuiet(Duration.ofSeconds(5));

            // Before the deadline: the failure was alerted at once, but no summary yet.
            assertThat(Posts.telegramAlerts(p)).anySatisfy(a -> assertThat(a).startsWith("🚨 매장 예약 조회 실패 [2000001]"));
            assertThat(Posts.telegramSummaries(p)).isEmpty();
            assertThat(p.runStatus(runId).summarized()).isFalse();

            p.clock().set(p.clock().instant().plusSeconds(61));
            p.sweep();

            assertThat(Posts.telegramSummaries(p)).hasSize(1);
            String text = Posts.telegramSummaries(p).get(0);
            assertThat(text).startsWith("⚠️ place-notify 10월 22일 14:00 실행 미완료")
                    .contains("매장 1/2 처리")
                    .contains("❌ 시흥2호점(2000001): 조회 실패 (")
                    .containsPattern("📥 DLQ에 메시지 있음: fetcher \\(\\d+\\)");
            assertThat(Posts.slackText(Posts.slackSummaries(p).get(0))).contains(":x: *시흥2호점(2000001): 조회 실패")
                    .containsPattern("DLQ에 메시지 있음: fetcher \\(\\d+\\)");
            assertThat(p.runStatus(runId).summarized()).isTrue();
            assertThat(p.runStatus(runId).complete()).isFalse();
            assertThat(Posts.telegramAlerts(p)).anySatisfy(a -> assertThat(a).startsWith("🚨 DLQ에 메시지 쌓임 [fetcher]"));

            // A second sweep finds nothing left to summarise.
            p.sweep();
            assertThat(Posts.telegramSummaries(p)).hasSize(1);
        }
    }

    @Test
    void aStoreThatNeverReportsIsNamedAtTheDeadlineAndLateOutcomesGoIntoTheNextSummaryOnce(LocalAws aws) {
        LocalPipeline.Options options = LocalPipeline.Options.defaults(LocalAwsExtension.uniqueEnvironment("nlate"))
                .withEnv(Map.of("RUN_DEADLINE_SECONDS", "60")).withoutStages();
        SimulatedClock clock = new SimulatedClock(CYCLE.plusSeconds(3));
        try (LocalPipeline p = LocalPipeline.start(aws, options, clock)) {
            NotifierComponents components = new NotifierComponents(NotifierConfig.from(new EnvConfig(p.env())), clock);
            NotifierHandler notifier = new NotifierHandler(components);
            SweepHandler sweep = new SweepHandler(components);
            RunEvents first = new RunEvents("c20251022T1400", CYCLE);
            JobRef j1 = job("1051707", "b1", "CONFIRMATION");
            JobRef j2 = job("1051707", "b2", "REMINDER");
            invoke(notifier, List.of(first.started("1051707", "951291"), first.fetched("1051707", 1, 5),
                    first.planned("1051707", 0, List.of(j1, j2), List.of()), first.outcome(j1, OutcomeStatus.SENT)));
            sweep.handleRequest(Map.of(), new LocalContext("sweep"));
            assertThat(Posts.telegramSummaries(p)).as("not due before its deadline").isEmpty();

            clock.set(clock.instant().plusSeconds(61));
            sweep.handleRequest(Map.of(), new LocalContext("sweep"));
            assertThat(Posts.telegramSummaries(p)).hasSize(1);
            assertThat(Posts.telegramSummaries(p).get(0)).contains("실행 미완료")
                    .contains("계획 2 = 발송 1 + 실패 0 + 건너뜀 0 + 불명 0 + 미처리 1")
                    .contains("⏳ 안산 중앙점(951291): 마감까지 처리되지 않음 (조회 결과 없음)")
                    .contains("⏳ 결과를 받지 못한 SMS 작업 1건");

            // After the summary: the pending job's outcome (twice) and a redelivery of one already counted.
            invoke(notifier, List.of(first.outcome(j2, OutcomeStatus.SENT), first.outcome(j1, OutcomeStatus.SENT)));
            invoke(notifier, List.of(first.outcome(j2, OutcomeStatus.SENT)));
            assertThat(Posts.telegramSummaries(p)).hasSize(1);

            RunEvents second = new RunEvents("c20251022T1420", CYCLE.plusSeconds(1200));
            JobRef k1 = job("1051707", "b3", "CONFIRMATION");
            invoke(notifier, List.of(second.started("1051707"), second.fetched("1051707", 1, 6),
                    second.planned("1051707", 0, List.of(k1), List.of()), second.outcome(k1, OutcomeStatus.SENT)));
            assertThat(Posts.telegramSummaries(p)).hasSize(2);
            assertThat(Posts.telegramSummaries(p).get(1)).contains("10월 22일 14:20 실행 완료")
                    .contains("SMS 발송 1건: 예약확정 1 · 상세안내 0 · 리뷰요청 0")
                    .contains("↩️ 이전 실행 c20251022T1400의 늦은 결과: 발송 1 · 실패 0 · 건너뜀 0 · 불명 0");

            RunEvents third = new RunEvents("c20251022T1440", CYCLE.plusSeconds(2400));
            invoke(notifier, List.of(third.started()));
            assertThat(Posts.telegramSummaries(p)).hasSize(3);
            assertThat(Posts.telegramSummaries(p).get(2)).contains("10월 22일 14:40 실행 완료").doesNotContain("늦은 결과");
        }
    }

    private static void invoke(NotifierHandler handler, List<? extends RunEvent> events) {
        var response = handler.handleRequest(RunEvents.sqsEvent(events), new LocalContext("notifier"));
        assertThat(response.getBatchItemFailures()).as("every event applied").isEmpty();
    }
}
