package dev.placenotify.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.placenotify.testsupport.LocalAwsExtension;
import dev.placenotify.testsupport.LocalContext;
import dev.placenotify.testsupport.LocalWorld;
import dev.placenotify.testsupport.SimulatedClock;
import dev.placenotify.testsupport.aws.LocalAws;
import dev.placenotify.testsupport.sim.TelegramMessage;
import dev.placenotify.model.DeliveryReported;
import dev.placenotify.model.DeliveryStatus;
import dev.placenotify.model.JobRef;
import dev.placenotify.model.OutcomeStatus;
import dev.placenotify.model.RunEvent;
import dev.placenotify.notifier.DeliveryDigestHandler;
import dev.placenotify.notifier.NotifierComponents;
import dev.placenotify.notifier.NotifierConfig;
import dev.placenotify.notifier.NotifierHandler;
import dev.placenotify.shell.EnvConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Delivery results reach the owners after the run's summary, without holding it: the next summary (of any run)
 * reports the results that arrived since the previous one, exactly once however often a report is delivered,
 * failures with the carrier's reason in Slack; the daily digest reports a day's results once.
 */
@ExtendWith(LocalAwsExtension.class)
class DeliveryReportsTest {
    private static final Instant CYCLE = Instant.parse("2025-10-22T05:00:00Z");
    private static final String SAESOL = "1051707";
    private static final String JUNGANG = "951291";

    @Test
    void resultsArriveInTheNextSummaryOnceAndInTheDailyDigestOnce(LocalAws aws, @TempDir Path dir) throws Exception {
        Path stores = dir.resolve("stores.json");
        Files.writeString(stores, """
                {"defaultCallbackNumber": "0311234567", "stores": [
                  {"storeId": "1051707", "name": "화성 새솔점"}, {"storeId": "951291", "name": "안산 중앙점"}]}
                """);
        SimulatedClock clock = new SimulatedClock(CYCLE.plusSeconds(30));
        try (LocalWorld p = LocalWorld.start(aws, LocalWorld.Options.defaults(LocalAwsExtension.uniqueEnvironment("dlv"))
                .withStores(stores).withoutStages(), clock)) {
            NotifierComponents components = new NotifierComponents(NotifierConfig.from(new EnvConfig(p.env())), clock);
            NotifierHandler notifier = new NotifierHandler(components);
            RunEvents run = new RunEvents("c20251022T1400", CYCLE);
            JobRef kim = RunEvents.job(SAESOL, "b1", "CONFIRMATION", "예약확정", "김*수", "5678");
            JobRef lee = RunEvents.job(SAESOL, "b2", "CONFIRMATION", "예약확정", "이*희", "1234");
            JobRef choi = RunEvents.job(JUNGANG, "b3", "REMINDER", "상세안내", "최*우", "4321");
            JobRef park = RunEvents.job(JUNGANG, "b4", "CONFIRMATION", "예약확정", "박*준", "9999");
            invoke(notifier, List.of(run.started(SAESOL, JUNGANG), run.fetched(SAESOL, 1, 2), run.fetched(JUNGANG, 1, 2),
                    run.planned(SAESOL, 0, List.of(kim, lee), List.of()), run.planned(JUNGANG, 0, List.of(choi, park), List.of()),
                    run.outcome(kim, OutcomeStatus.SENT), run.outcome(lee, OutcomeStatus.SENT),
                    run.outcome(choi, OutcomeStatus.UNKNOWN), run.outcome(park, OutcomeStatus.UNKNOWN)));
            assertThat(Posts.telegramSummaries(p)).singleElement().satisfies(s -> assertThat(s).doesNotContain("전달 결과"));

            // The delivery checks report after the summary: every report twice (redelivery), the FOUND one three times.
            Instant at = CYCLE.plusSeconds(300);
            List<RunEvent> reports = List.of(
                    DeliveryReported.of(run.runId, kim, DeliveryReported.Kind.DELIVERY, DeliveryStatus.DELIVERED, "0", "성공", "SKT", CYCLE, at),
                    DeliveryReported.of(run.runId, lee, DeliveryReported.Kind.DELIVERY, DeliveryStatus.FAILED, "3018", "수신 거부", "KT", CYCLE, at),
                    DeliveryReported.of(run.runId, choi, DeliveryReported.Kind.FOUND, null, null, "SENS lists message M1", null, CYCLE, at),
                    DeliveryReported.of(run.runId, choi, DeliveryReported.Kind.DELIVERY, DeliveryStatus.DELIVERED, "0", "성공", "SKT", CYCLE, at),
                    DeliveryReported.of(run.runId, park, DeliveryReported.Kind.ABSENT, null, null, "SENS lists no message", null, CYCLE, at));
            invoke(notifier, reports);
            invoke(notifier, reports);
            invoke(notifier, reports.subList(2, 3));
            assertThat(Posts.telegramSummaries(p)).as("a delivery report alone posts nothing").hasSize(1);

            // The next run's summary carries them.
            clock.set(CYCLE.plusSeconds(1230));
            RunEvents next = new RunEvents("c20251022T1420", CYCLE.plusSeconds(1200));
            invoke(notifier, List.of(next.started(SAESOL), next.fetched(SAESOL, 1, 0), next.planned(SAESOL, 0, List.of(), List.of())));
            List<String> summaries = Posts.telegramSummaries(p);
            assertThat(summaries).hasSize(2);
            assertThat(summaries.get(1)).contains("📬 지난 요약 이후 전달 결과: 전달 2 · 실패 1")
                    .contains("· 화성 새솔점 예약확정: 전달 1 · 실패 1")
                    .contains("· 안산 중앙점 상세안내: 전달 1 · 불명→발송 확인 1")
                    .contains("· 안산 중앙점 예약확정: 불명→미발송 확인 1")
                    .contains("❌ 예약확정 화성 새솔점 이*희 1234 전달 실패\n")
                    .contains("✅ 상세안내 안산 중앙점 최*우 4321 결과 불명 → SENS 발송 확인")
                    .contains("❓ 예약확정 안산 중앙점 박*준 9999 결과 불명 → SENS에 없음")
                    .as("reasons go to Slack").doesNotContain("수신 거부");
            assertThat(summaries.get(1).split("이\\*희", -1)).as("counted once despite redeliveries").hasSize(2);
            String slack = Posts.slackText(Posts.slackSummaries(p).get(1));
            assertThat(slack).contains("❌ 예약확정 화성 새솔점 이*희 1234 전달 실패 (3018 수신 거부)");

            // Taken once: the summary after that has none of them.
            clock.set(CYCLE.plusSeconds(2430));
            RunEvents third = new RunEvents("c20251022T1440", CYCLE.plusSeconds(2400));
            invoke(notifier, List.of(third.started(SAESOL), third.fetched(SAESOL, 1, 0), third.planned(SAESOL, 0, List.of(), List.of())));
            assertThat(Posts.telegramSummaries(p)).hasSize(3).last().satisfies(s -> assertThat(s).doesNotContain("전달 결과"));

            // The next morning's digest: yesterday's results per store and rule, once.
            clock.set(Instant.parse("2025-10-23T00:00:05Z")); // 09:00:05 KST
            DeliveryDigestHandler digest = new DeliveryDigestHandler(components);
            assertThat(digest.handleRequest(Map.of(), new LocalContext("digest"))).isEqualTo("posted 2025-10-22");
            assertThat(digest.handleRequest(Map.of(), new LocalContext("digest"))).isEqualTo("already posted 2025-10-22");
            List<String> digests = p.telegram.messages().stream().map(TelegramMessage::text)
                    .filter(t -> t.contains("보낸 문자의 전달 결과")).map(Posts::visible).toList();
            assertThat(digests).singleElement().satisfies(d -> assertThat(d)
                    .startsWith("📬 10월 22일 보낸 문자의 전달 결과: 전달 2 · 실패 1")
                    .contains("· 화성 새솔점 예약확정: 전달 1 · 실패 1"));
            assertThat(Posts.slackAlerts(p).stream().filter(t -> t.contains("보낸 문자의 전달 결과")).toList()).singleElement()
                    .satisfies(t -> assertThat(t).contains("(3018 수신 거부)"));
        }
    }

    private static void invoke(NotifierHandler notifier, List<? extends RunEvent> events) {
        assertThat(notifier.handleRequest(RunEvents.sqsEvent(events), new LocalContext("notifier")).getBatchItemFailures())
                .as("every event applied").isEmpty();
    }
}
