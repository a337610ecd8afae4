package dev.placenotify.notifier;

import static dev.placenotify.notifier.Tallies.outcomes;
import static dev.placenotify.notifier.Tallies.planned;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.placenotify.model.MessageCodec;
import dev.placenotify.model.OutcomeStatus;
import dev.placenotify.model.RunNote;
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
                .contains("SMS 발송 23건: 예약확정 8 · 상세안내 15 · 리뷰요청 0")
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
                .contains("❌ 안산 중앙점(951291): 조회 실패 (Naver answered 500 for 010-****-5678's booking)")
                .contains("⏳ 수원 호매실점(1120125): 마감까지 처리되지 않음 (계획 1/3 묶음)")
                .contains("⏳ 화성 동탄점(1285716): 마감까지 처리되지 않음 (조회 결과 없음)")
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
    void anEnormousRunStaysWithinTheTotalOnBothChannelsAndCountsWhatItCuts() {
        Map<String, StoreTally> stores = new TreeMap<>();
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 800; i++) {
            String id = "store<" + i + ">&";
            ids.add(id);
            stores.put(id, Tallies.failed(id, "Naver said <error code=\"" + i + "\"> & more ".repeat(4)));
        }
        RunTally t = Tallies.tally(true, ids, stores, OutcomeCounts.empty(), FIRST, FIRST);
        RunSummary s = COMPOSER.compose(t, false, Map.of(), Duration.ofMinutes(10), List.of());

        assertThat(s.telegramParts()).hasSizeGreaterThan(1);
        int total = 0;
        StringBuilder all = new StringBuilder();
        for (String part : s.telegramParts()) {
            assertThat(part.length()).isLessThanOrEqualTo(SummaryComposer.TELEGRAM_LIMIT);
            total += part.length();
            all.append(TelegramHtmlCheck.visibleText(part)).append('\n');
        }
        assertThat(total).isLessThanOrEqualTo(SummaryComposer.TOTAL_LIMIT);
        int shown = 0;
        for (int i = 0; i < 800; i++) {
            shown += all.indexOf("❌ store<" + i + ">&: 조회 실패") >= 0 ? 1 : 0;
        }
        assertThat(shown).isPositive();
        assertThat(all.toString()).contains("…외 " + (800 - shown) + "건").contains("실행 c20251022T1400");

        JsonNode slack = MessageCodec.mapper().valueToTree(s.slackPayload());
        JsonNode blocks = slack.get("blocks");
        assertThat(blocks.size()).isLessThanOrEqualTo(SummaryComposer.SLACK_MAX_BLOCKS);
        assertThat(Tallies.slackTotal(slack)).isLessThanOrEqualTo(SummaryComposer.TOTAL_LIMIT);
        assertThat(slack.toString()).contains("…외 ");
        assertThat(blocks.get(blocks.size() - 1).path("type").asText()).isEqualTo("context");
    }

    @Test
    void everyTextGetsALineWithItsLabelBranchMaskedNameAndLastDigitsSortedByBranchThenRule() {
        Map<String, StoreTally> stores = new TreeMap<>(Map.of("1051707", planned("1051707", 2, 1), "951291", planned("951291", 1, 0)));
        OutcomeCounts o = outcomes(OutcomeStatus.SENT, "CONFIRMATION", 2).plus(outcomes(OutcomeStatus.SENT, "REMINDER", 1))
                .plus(outcomes(OutcomeStatus.FAILED, "CONFIRMATION", 1))
                .withLines(List.of(
                        new TextLine(OutcomeStatus.SENT, "REMINDER", "상세안내", "1051707", "이*희", "1234"),
                        new TextLine(OutcomeStatus.FAILED, "CONFIRMATION", "예약확정", "951291", "박*준", "9999"),
                        new TextLine(OutcomeStatus.SENT, "CONFIRMATION", "예약확정", "1051707", "김*수", "5678"),
                        new TextLine(OutcomeStatus.SENT, "CONFIRMATION", "예약확정", "1051707", "최*", "0001")), 0);
        RunTally t = Tallies.tally(true, List.of("951291", "1051707"), stores, o, FIRST, FIRST.plusSeconds(600));
        RunSummary s = COMPOSER.compose(t, true, Map.of(), Duration.ofSeconds(30), List.of());

        String text = TelegramHtmlCheck.visibleText(String.join("\n", s.telegramParts()));
        assertThat(text).contains("""
                ❌ 예약확정 안산 중앙점 박*준 9999 발송 실패
                예약확정 화성 새솔점 김*수 5678
                예약확정 화성 새솔점 최* 0001
                상세안내 화성 새솔점 이*희 1234
                """).doesNotContain(SummaryComposer.NOTHING_DUE);
        String slack = s.slackPayload().toString();
        assertThat(slack).contains("❌ 예약확정 안산 중앙점 박*준 9999 발송 실패").contains("상세안내 화성 새솔점 이*희 1234");
    }

    @Test
    void textsASafeguardKeptBackAreListedWithWhy() {
        Map<String, StoreTally> stores = new TreeMap<>(Map.of("1051707", planned("1051707", 3, 0)));
        OutcomeCounts o = outcomes(OutcomeStatus.SENT, "CONFIRMATION", 1).plus(outcomes(OutcomeStatus.SKIPPED, "CONFIRMATION", 2))
                .withLines(List.of(
                        new TextLine(OutcomeStatus.SENT, "CONFIRMATION", "예약확정", "1051707", "김*수", "5678"),
                        new TextLine(OutcomeStatus.SKIPPED, "CONFIRMATION", "예약확정", "1051707", "이*희", "1234", GuardSkip.OPTED_OUT),
                        new TextLine(OutcomeStatus.SKIPPED, "CONFIRMATION", "예약확정", "1051707", "박*준", "9999", GuardSkip.BUDGET_HELD)), 0);
        RunTally t = Tallies.tally(true, List.of("1051707"), stores, o, FIRST, FIRST.plusSeconds(600));
        String text = TelegramHtmlCheck.visibleText(String.join("\n", COMPOSER.compose(t, true, Map.of(), Duration.ofSeconds(30),
                List.of()).telegramParts()));
        assertThat(text).contains("⏸ 예약확정 화성 새솔점 이*희 1234 미발송(수신거부)")
                .contains("⏸ 예약확정 화성 새솔점 박*준 9999 미발송(발송 한도 보류)")
                .contains("예약확정 화성 새솔점 김*수 5678\n");
    }

    @Test
    void aRunWithNothingDueSaysSoLikeTheLegacy() {
        RunTally t = Tallies.tally(true, List.of("1051707"), Map.of("1051707", planned("1051707", 0, 0)), OutcomeCounts.empty(),
                FIRST, FIRST.plusSeconds(600));
        RunSummary s = COMPOSER.compose(t, true, Map.of(), Duration.ofSeconds(3), List.of());
        assertThat(TelegramHtmlCheck.visibleText(s.telegramParts().get(0))).contains("\n문자 발송 대상 없음\n");
        assertThat(s.slackPayload().toString()).contains("문자 발송 대상 없음");
    }

    @Test
    void theSentLineUsesTheRulesOwnLabelsAndExpiredTextsAreShownEverywhere() {
        OutcomeCounts o = outcomes(OutcomeStatus.SENT, "CONFIRMATION", 2).plus(outcomes(OutcomeStatus.SENT, "autumn-promo", 3))
                .plus(outcomes(OutcomeStatus.EXPIRED, "EVENT", 1));
        Map<String, StoreTally> stores = Map.of("1051707", new StoreTally("1051707", true, null, 1, Set.of(0), Map.of("RC03", 6),
                Map.of("CONFIRMATION", 2, "autumn-promo", 3, "EVENT", 1), 0, List.of()));
        RunTally t = new RunTally("c20251022T1400", Tallies.CYCLE, dev.placenotify.model.FetchMode.NORMAL, true, List.of("1051707"),
                stores, o, RunTally.Status.OPEN, FIRST, FIRST.plusSeconds(600),
                Map.of("CONFIRMATION", "예약 확정 안내", "autumn-promo", "가을 프로모션", "EVENT", "EVENT"));
        Map<String, OutcomeCounts> late = Map.of("c20251022T1340", outcomes(OutcomeStatus.EXPIRED, "REMINDER", 2)
                .withLines(List.of(new TextLine(OutcomeStatus.EXPIRED, "REMINDER", "상세안내", "1051707", "정*호", "4321")), 1));
        RunSummary s = COMPOSER.compose(t, true, late, Duration.ofSeconds(30), List.of());

        String text = TelegramHtmlCheck.visibleText(String.join("\n", s.telegramParts()));
        assertThat(text).startsWith("⚠️").contains("SMS 발송 5건: 예약 확정 안내 2 · 상세안내 0 · 리뷰요청 0 · 가을 프로모션 3")
                .contains("계획 6 = 발송 5 + 실패 0 + 건너뜀 0 + 불명 0 + 만료 1\n")
                .contains("⌛ 시간이 지나 보내지 않은 문자 1건")
                .contains("↩️ 이전 실행 c20251022T1340의 늦은 결과: 발송 0 · 실패 0 · 건너뜀 0 · 불명 0 · 만료 2")
                .contains("↩️ ⌛ 상세안내 화성 새솔점 정*호 4321 시간 지나 미발송 (c20251022T1340)")
                .contains("…외 1건");
        assertThat(COMPOSER.figures(t, late).labels()).containsEntry("autumn-promo", "가을 프로모션");
    }

    @Test
    void digestNotesAreGroupedByLabelInSlackAndOnlyThoseForTelegramReachTelegram() {
        List<RunNote> notes = List.of(
                new RunNote("RETOUCH", "전문가 보정", "1051707", "b1", "김*수", "5678", "옵션 2건", Set.of(RunNote.Channel.SLACK)),
                new RunNote("RETOUCH", "전문가 보정", "951291", "b2", "이*희", "1234", "", Set.of(RunNote.Channel.SLACK)),
                new RunNote("HOLIDAY", "연휴 명단", "1051707", "b3", "박*준", "9999", "인원 3 (010-1234-5678)",
                        Set.of(RunNote.Channel.SLACK, RunNote.Channel.TELEGRAM)));
        StoreTally s1 = new StoreTally("1051707", true, null, 1, Set.of(0), Map.of("RC03", 3), Map.of(), 0, List.of(),
                notes.stream().filter(n -> n.storeId().equals("1051707")).toList(), 0);
        StoreTally s2 = new StoreTally("951291", true, null, 1, Set.of(0), Map.of("RC03", 1), Map.of(), 0, List.of(),
                notes.stream().filter(n -> n.storeId().equals("951291")).toList(), 2);
        RunTally t = Tallies.tally(true, List.of("1051707", "951291"), new TreeMap<>(Map.of("1051707", s1, "951291", s2)),
                OutcomeCounts.empty(), FIRST, FIRST.plusSeconds(600));
        RunSummary s = COMPOSER.compose(t, true, Map.of(), Duration.ofSeconds(3), List.of());

        String slack = Tallies.slackText(MessageCodec.mapper().valueToTree(s.slackPayload()));
        assertThat(slack).contains("""
                📝 연휴 명단 (1건)
                · 화성 새솔점 박*준 9999 — 인원 3 (010-****-5678)
                📝 전문가 보정 (2건)
                · 안산 중앙점 이*희 1234
                · 화성 새솔점 김*수 5678 — 옵션 2건
                …외 2건""");
        String telegram = TelegramHtmlCheck.visibleText(String.join("\n", s.telegramParts()));
        assertThat(telegram).contains("📝 연휴 명단 (1건)\n· 화성 새솔점 박*준 9999 — 인원 3 (010-****-5678)").doesNotContain("전문가 보정")
                .doesNotContain("1234-5678");
    }
}
