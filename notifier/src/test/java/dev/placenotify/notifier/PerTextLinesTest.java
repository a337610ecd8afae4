package dev.placenotify.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.placenotify.testsupport.LocalAwsExtension;
import dev.placenotify.testsupport.LocalContext;
import dev.placenotify.testsupport.LocalWorld;
import dev.placenotify.testsupport.SimulatedClock;
import dev.placenotify.testsupport.aws.LocalAws;
import dev.placenotify.model.ChunkPlanned;
import dev.placenotify.model.JobRef;
import dev.placenotify.model.Messages;
import dev.placenotify.model.OutcomeStatus;
import dev.placenotify.model.RunEvent;
import dev.placenotify.model.RunNote;
import dev.placenotify.model.SendOutcome;
import dev.placenotify.shell.EnvConfig;
import dev.placenotify.model.Topology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Issue 12: the owners' post lists each text like the legacy did ({@code 예약확정 화성 새솔점 김*수 5678}), from
 * line facts the ledger keeps in the same conditional update that counts the outcome, so redeliveries
 * never add a line; digest notes are kept with their chunk and shown grouped by rule label.
 */
@ExtendWith(LocalAwsExtension.class)
class PerTextLinesTest {
    private static final Instant CYCLE = Instant.parse("2025-10-22T05:00:00Z");
    private static final String SAESOL = "1051707";
    private static final String JUNGANG = "951291";

    @Test
    void eachTextGetsOneLineWhateverIsRedeliveredAndNotesAreGroupedByRule(LocalAws aws, @TempDir Path dir) throws Exception {
        try (Fixture f = new Fixture(aws, dir)) {
            RunEvents run = new RunEvents("c20251022T1400", CYCLE);
            JobRef kim = RunEvents.job(SAESOL, "b1", "CONFIRMATION", "예약확정", "김*수", "5678");
            JobRef kimReminder = RunEvents.job(SAESOL, "b1", "REMINDER", "상세안내", "김*수", "5678");
            JobRef lee = RunEvents.job(SAESOL, "b2", "CONFIRMATION", "예약확정", "이*희", "1234");
            JobRef park = RunEvents.job(JUNGANG, "b3", "EVENT", "리뷰요청", "박*준", "9999");
            JobRef choi = RunEvents.job(JUNGANG, "b4", "CONFIRMATION", "예약확정", "최*우", "4321");
            JobRef yoon = RunEvents.job(JUNGANG, "b5", "CONFIRMATION", "예약확정", "윤*아", "2222");
            JobRef jung = RunEvents.job(JUNGANG, "b6", "CONFIRMATION", "예약확정", "정*호", "1111");
            List<RunNote> notes = List.of(
                    new RunNote("EXPERT_RETOUCH", "전문가 보정", SAESOL, "b1", "김*수", "5678", "전문가 보정 1건", Set.of(RunNote.Channel.SLACK)),
                    new RunNote("HOLIDAY_LIST", "연휴 명단", JUNGANG, "b3", "박*준", "9999", "인원 2",
                            Set.of(RunNote.Channel.SLACK, RunNote.Channel.TELEGRAM)));
            ChunkPlanned saesol = new ChunkPlanned(Messages.SCHEMA_VERSION, run.runId, SAESOL, 0, List.of(kim, kimReminder, lee),
                    List.of(), notes.subList(0, 1));
            ChunkPlanned jungang = new ChunkPlanned(Messages.SCHEMA_VERSION, run.runId, JUNGANG, 0, List.of(park, choi, yoon, jung),
                    List.of(), notes.subList(1, 2));
            // yoon's text was settled in an earlier run: the sender reports it as a replay.
            SendOutcome replayed = SendOutcome.of(run.runId, yoon, OutcomeStatus.SENT, "req-old", null, CYCLE.plusSeconds(20), true);
            // Every report twice (chunks too); jung's outcome is missing until after the summary.
            List<RunEvent> events = List.of(run.started(SAESOL, JUNGANG), run.fetched(SAESOL, 1, 4), run.fetched(JUNGANG, 1, 4),
                    saesol, jungang, run.outcome(kim, OutcomeStatus.SENT), run.outcome(kimReminder, OutcomeStatus.SENT),
                    run.outcome(lee, OutcomeStatus.EXPIRED), run.outcome(park, OutcomeStatus.SENT),
                    run.outcome(choi, OutcomeStatus.FAILED), replayed);
            f.invoke(events);
            f.invoke(events.subList(1, events.size()));
            f.clock.set(f.clock.instant().plusSeconds(61));
            f.sweep.handleRequest(Map.of(), new LocalContext("sweep"));

            String telegram = String.join("\n", Posts.telegramSummaries(f.pipeline));
            assertThat(telegram).contains("SMS 발송 4건: 예약확정 2 · 상세안내 1 · 리뷰요청 1")
                    .contains("계획 7 = 발송 4 + 실패 1 + 건너뜀 0 + 불명 0 + 만료 1 + 미처리 1")
                    .contains("이 중 1건은 이전에 처리된 작업의 재보고")
                    .contains("""
                            예약확정 화성 새솔점 김*수 5678
                            ⌛ 예약확정 화성 새솔점 이*희 1234 시간 지나 미발송
                            상세안내 화성 새솔점 김*수 5678
                            ❌ 예약확정 안산 중앙점 최*우 4321 발송 실패
                            리뷰요청 안산 중앙점 박*준 9999
                            📝 연휴 명단 (1건)
                            · 안산 중앙점 박*준 9999 — 인원 2
                            실행 c20251022T1400""")
                    .as("a replayed text was sent before: counted, not listed").doesNotContain("윤*아")
                    .as("Slack-only notes stay in Slack").doesNotContain("전문가 보정");
            assertThat(telegram.split("김\\*수 5678", -1)).as("two texts to 김*수, one line each").hasSize(3);
            String slack = Posts.slackText(Posts.slackSummaries(f.pipeline).get(0));
            assertThat(slack).contains("예약확정 화성 새솔점 김*수 5678\n⌛ 예약확정 화성 새솔점 이*희 1234 시간 지나 미발송")
                    .contains("📝 연휴 명단 (1건)\n· 안산 중앙점 박*준 9999 — 인원 2\n📝 전문가 보정 (1건)\n· 화성 새솔점 김*수 5678 — 전문가 보정 1건");

            // Late outcomes bring their lines into the next summary, once.
            f.invoke(List.of(run.outcome(jung, OutcomeStatus.SENT), run.outcome(jung, OutcomeStatus.SENT)));
            RunEvents next = new RunEvents("c20251022T1420", CYCLE.plusSeconds(1200));
            f.invoke(List.of(next.started(SAESOL), next.fetched(SAESOL, 1, 0), next.planned(SAESOL, 0, List.of(), List.of())));
            List<String> summaries = Posts.telegramSummaries(f.pipeline);
            assertThat(summaries).hasSize(2);
            assertThat(summaries.get(1)).contains("↩️ 이전 실행 c20251022T1400의 늦은 결과: 발송 1")
                    .contains("↩️ 예약확정 안산 중앙점 정*호 1111 (c20251022T1400)")
                    .as("nothing was due in this run itself").contains("문자 발송 대상 없음")
                    .doesNotContain("김*수");
            assertThat(summaries.get(1).split("정\\*호", -1)).hasSize(2);
        }
    }

    @Test
    void aRunWithNothingDueSaysSo(LocalAws aws, @TempDir Path dir) throws Exception {
        try (Fixture f = new Fixture(aws, dir)) {
            RunEvents run = new RunEvents("c20251022T1400", CYCLE);
            f.invoke(List.of(run.started(SAESOL), run.fetched(SAESOL, 1, 5), run.planned(SAESOL, 0, List.of(), List.of())));
            assertThat(Posts.telegramSummaries(f.pipeline)).singleElement().satisfies(s -> assertThat(s)
                    .contains("SMS 발송 0건").contains("\n문자 발송 대상 없음\n"));
        }
    }

    @Test
    void aFullShardStillCountsTheOutcomeAndSaysItsLineWasLeftOut(LocalAws aws, @TempDir Path dir) throws Exception {
        try (Fixture f = new Fixture(aws, dir)) {
            RunEvents run = new RunEvents("c20251022T1400", CYCLE);
            JobRef big = RunEvents.job(SAESOL, "b1", "CONFIRMATION", "예약확정", "김" + "*".repeat(3000) + "수", "5678");
            JobRef small = RunEvents.job(SAESOL, "b2", "CONFIRMATION", "예약확정", "이*희", "1234");
            f.invoke(List.of(run.started(SAESOL), run.fetched(SAESOL, 1, 2), run.planned(SAESOL, 0, List.of(big, small), List.of())));
            // The shard this outcome lands on is nearly full (as after thousands of lines): its line no longer fits.
            Map<String, AttributeValue> filler = new HashMap<>();
            filler.put("runId", AttributeValue.fromS(run.runId));
            filler.put("item", AttributeValue.fromS("OUT#" + Math.floorMod(big.idempotencyKey().hashCode(), 16)));
            filler.put("filler", AttributeValue.fromS("x".repeat(400 * 1024 - 2_000)));
            aws.dynamo().putItem(b -> b.tableName(f.pipeline.table(Topology.RUNS)).item(filler));

            f.invoke(List.of(run.outcome(big, OutcomeStatus.SENT), run.outcome(small, OutcomeStatus.SENT)));
            f.invoke(List.of(run.outcome(big, OutcomeStatus.SENT)));

            assertThat(Posts.telegramSummaries(f.pipeline)).singleElement().satisfies(s -> assertThat(s)
                    .contains("SMS 발송 2건").contains("계획 2 = 발송 2 + 실패 0")
                    .contains("예약확정 화성 새솔점 이*희 1234\n…외 1건"));
        }
    }

    /** A pipeline without event sources, with the real branch names, and one notifier instance. */
    private static final class Fixture implements AutoCloseable {
        final SimulatedClock clock = new SimulatedClock(CYCLE.plusSeconds(30));
        final LocalWorld pipeline;
        final NotifierHandler notifier;
        final SweepHandler sweep;

        Fixture(LocalAws aws, Path dir) throws Exception {
            Path stores = dir.resolve("stores.json");
            Files.writeString(stores, """
                    {"defaultCallbackNumber": "0311234567", "stores": [
                      {"storeId": "1051707", "name": "화성 새솔점"}, {"storeId": "951291", "name": "안산 중앙점"}]}
                    """);
            pipeline = LocalWorld.start(aws, LocalWorld.Options.defaults(LocalAwsExtension.uniqueEnvironment("nlin"))
                    .withStores(stores).withEnv(Map.of("RUN_DEADLINE_SECONDS", "60")).withoutStages(), clock);
            NotifierComponents components = new NotifierComponents(NotifierConfig.from(new EnvConfig(pipeline.env())), clock);
            notifier = new NotifierHandler(components);
            sweep = new SweepHandler(components);
        }

        void invoke(List<? extends RunEvent> events) {
            var response = notifier.handleRequest(RunEvents.sqsEvent(events), new LocalContext("notifier"));
            assertThat(response.getBatchItemFailures()).as("every event applied").isEmpty();
        }

        @Override
        public void close() {
            pipeline.close();
        }
    }
}
