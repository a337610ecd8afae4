package dev.placenotify.notifier;

import static dev.placenotify.notifier.Tallies.outcomes;
import static dev.placenotify.notifier.Tallies.planned;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.placenotify.model.MessageCodec;
import dev.placenotify.model.OutcomeStatus;
import dev.placenotify.model.StoreCatalog;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SummaryComposerTest {
    private static final Instant FIRST = Tallies.CYCLE.plusSeconds(2);
    private static final SummaryComposer COMPOSER = new SummaryComposer(StoreCatalog.load(java.util.Optional.empty()),
            new NotifierConfig.SensPrices(9, 30));

    @Test
    void aCompleteRunShowsSentByKindThatAddsUpAndTheBalance() {
        Map<String, StoreTally> stores = new TreeMap<>(Map.of("1051707", planned("1051707", 8, 12), "951291", planned("951291", 0, 3)));
        OutcomeCounts o = outcomes(OutcomeStatus.SENT, "CONFIRMATION", 8)
                .plus(outcomes(OutcomeStatus.SENT, "REMINDER", 15));
        RunTally t = Tallies.tally(true, List.of("1051707", "951291"), stores, o, FIRST, FIRST.plusSeconds(600));
        RunSummary s = COMPOSER.compose(t, true, Map.of(), Duration.ofSeconds(42), List.of());

        assertThat(s.telegramParts()).hasSize(1);
        String text = TelegramHtmlCheck.visibleText(s.telegramParts().get(0));
        assertThat(text).startsWith("✅ place-notify 10월 22일 14:00 실행 완료")
                .contains("SMS 발송 23건: 확정 8 · 리마인더 15 · 이벤트 0")
                .contains("계획 23 = 발송 23 + 실패 0 + 건너뜀 0 + 불명 0\n")
                .contains("매장 2/2 처리")
                .contains("소요 42.0초 · 예상 비용 207원")
                .contains("실행 c20251022T1400")
                .doesNotContain("미처리");
        assertThat(s.line()).contains("SMS 발송 23건").contains("계획 23 = 발송 23");
    }

    @Test
    void anIncompleteRunNamesMissingAndFailedStoresPendingJobsAndDeadLetterQueues() {
        Map<String, StoreTally> stores = new TreeMap<>(Map.of(
                "1051707", planned("1051707", 4, 0),
                "951291", Tallies.failed("951291", "Naver answered 500 for 010-1234-5678's booking"),
                "1120125", Tallies.fetchedNotPlanned("1120125", 3)));
        OutcomeCounts o = outcomes(OutcomeStatus.SENT, "CONFIRMATION", 3);
        RunTally t = Tallies.tally(true, List.of("1051707", "951291", "1120125", "1285716"), stores, o, FIRST, FIRST.plusSeconds(600));
        RunSummary s = COMPOSER.compose(t, false, Map.of(), Duration.ofMinutes(10),
                List.of(new DlqInspector.DlqDepth("fetcher", 1), new DlqInspector.DlqDepth("sender", null)));

        String text = TelegramHtmlCheck.visibleText(String.join("\n", s.telegramParts()));
        assertThat(text).startsWith("⚠️ place-notify 10월 22일 14:00 실행 미완료")
                .contains("계획 4 = 발송 3 + 실패 0 + 건너뜀 0 + 불명 0 + 미처리 1")
                .contains("매장 1/4 처리")
                .contains("❌ 안산점(951291): 조회 실패 (Naver answered 500 for 010-****-5678's booking)")
                .contains("⏳ 수원점(1120125): 마감까지 처리되지 않음 (계획 1/3 묶음)")
                .contains("⏳ 동탄점(1285716): 마감까지 처리되지 않음 (조회 결과 없음)")
                .contains("⏳ 결과를 받지 못한 SMS 작업 1건")
                .contains("📥 DLQ에 메시지 있음: fetcher (1), sender (unreadable)")
                .doesNotContain("1234-5678");
        String slack = s.slackPayload().toString();
        assertThat(slack).contains("동탄점(1285716)").contains("fetcher (1)").doesNotContain("1234-5678");
    }

    @Test
    void lateOutcomesOfAnEarlierRunAreReportedSeparatelyFromThisRunsNumbers() {
        RunTally t = Tallies.tally(true, List.of("1051707"), Map.of("1051707", planned("1051707", 1, 0)),
                outcomes(OutcomeStatus.SENT, "CONFIRMATION", 1), FIRST, FIRST.plusSeconds(600));
        Map<String, OutcomeCounts> late = Map.of("c20251022T1340", outcomes(OutcomeStatus.SENT, "REMINDER", 2)
                .plus(outcomes(OutcomeStatus.UNKNOWN, "REMINDER", 1)));
        RunSummary s = COMPOSER.compose(t, true, late, Duration.ofSeconds(30), List.of());
        String text = TelegramHtmlCheck.visibleText(s.telegramParts().get(0));
        assertThat(text).contains("SMS 발송 1건").contains("계획 1 = 발송 1 + 실패 0 + 건너뜀 0 + 불명 0")
                .contains("↩️ 이전 실행 c20251022T1340의 늦은 결과: 발송 2 · 실패 0 · 건너뜀 0 · 불명 1");
    }

    @Test
    void outcomesWithoutAPlanAreShownOnBothSidesOfTheBalance() {
        RunTally t = Tallies.tally(true, List.of("1051707"), Map.of("1051707", planned("1051707", 1, 0)),
                outcomes(OutcomeStatus.SENT, "CONFIRMATION", 3), FIRST, FIRST.plusSeconds(600));
        String text = TelegramHtmlCheck.visibleText(COMPOSER.compose(t, true, Map.of(), Duration.ZERO, List.of()).telegramParts().get(0));
        assertThat(text).contains("계획 1 + 계획 외 2 = 발송 3 + 실패 0").contains("계획 보고 없이 도착한 결과 2건").startsWith("⚠️");
    }

    @Test
    void replayedOutcomesAreCountedButNotPriced() {
        OutcomeCounts o = outcomes(OutcomeStatus.SENT, "CONFIRMATION", 1);
        o.byStatusAndKind().get(OutcomeStatus.SENT).put("CONFIRMATION", 2);
        RunTally t = Tallies.tally(true, List.of("1051707"), Map.of("1051707", planned("1051707", 2, 0)), o.withReplayed(1),
                FIRST, FIRST.plusSeconds(600));
        String text = TelegramHtmlCheck.visibleText(COMPOSER.compose(t, true, Map.of(), Duration.ZERO, List.of()).telegramParts().get(0));
        assertThat(text).contains("SMS 발송 2건").contains("예상 비용 9원").contains("이 중 1건은 이전에 처리된 작업의 재보고");
    }

    @Test
    void storeTextCannotInjectMarkupOrMentionsIntoEitherChannel() {
        String hostile = "<b>x</b> & <!channel> <@U123|boss>";
        StoreTally s = new StoreTally(hostile, false, "<i>boom</i>", 1, Set.of(), Map.of(), Map.of("CONFIRMATION", 1), 1,
                List.of("phone 010-****-5678 <script> is not a mobile"));
        RunTally t = Tallies.tally(true, List.of(hostile), Map.of(hostile, s), OutcomeCounts.empty(), FIRST, FIRST);
        RunSummary summary = COMPOSER.compose(t, false, Map.of(), Duration.ZERO, List.of());
        String text = TelegramHtmlCheck.visibleText(String.join("\n", summary.telegramParts()));
        assertThat(text).contains("❌ <b>x</b> & <!channel> <@U123|boss>: 조회 실패 (<i>boom</i>)");
        JsonNode slack = MessageCodec.mapper().valueToTree(summary.slackPayload());
        for (JsonNode block : slack.get("blocks")) {
            String mrkdwn = block.path("text").path("text").asText("") + block.path("elements").path(0).path("text").asText("");
            assertThat(mrkdwn).doesNotContain("<!channel>").doesNotContain("<@U123").doesNotContain("<script>");
        }
        assertThat(slack.toString()).contains("&lt;!channel&gt;").contains("phone 010-****-5678 &lt;script&gt;");
    }

    @Test
    void anEnormousRunIsSplitIntoValidTelegramPartsAndCappedSlackBlocks() {
        Map<String, StoreTally> stores = new TreeMap<>();
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 800; i++) {
            String id = "store<" + i + ">&";
            ids.add(id);
            stores.put(id, Tallies.failed(id, "Naver said <error code=\"" + i + "\"> & more ".repeat(4)));
        }
        RunTally t = Tallies.tally(true, ids, stores, OutcomeCounts.empty(), FIRST, FIRST);
        RunSummary s = COMPOSER.compose(t, false, Map.of(), Duration.ofMinutes(10), List.of());

        assertThat(s.telegramParts()).hasSizeGreaterThan(3);
        StringBuilder all = new StringBuilder();
        for (String part : s.telegramParts()) {
            assertThat(part.length()).isLessThanOrEqualTo(SummaryComposer.TELEGRAM_LIMIT);
            all.append(TelegramHtmlCheck.visibleText(part)).append('\n');
        }
        for (int i = 0; i < 800; i++) {
            assertThat(all).contains("❌ store<" + i + ">&: 조회 실패");
        }
        JsonNode blocks = MessageCodec.mapper().valueToTree(s.slackPayload()).get("blocks");
        assertThat(blocks.size()).isEqualTo(SummaryComposer.SLACK_MAX_BLOCKS);
        assertThat(blocks.get(blocks.size() - 2).path("text").path("text").asText()).startsWith("… (생략");
        assertThat(blocks.get(blocks.size() - 1).path("type").asText()).isEqualTo("context");
    }
}
