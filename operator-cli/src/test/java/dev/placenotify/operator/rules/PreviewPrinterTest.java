package dev.placenotify.operator.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.placenotify.model.ContentType;
import dev.placenotify.model.RunNote;
import dev.placenotify.model.SmsType;
import dev.placenotify.operator.rules.PreviewReport.NoteLine;
import dev.placenotify.operator.rules.PreviewReport.RuleResult;
import dev.placenotify.operator.rules.PreviewReport.SkipLine;
import dev.placenotify.operator.rules.PreviewReport.TextLine;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The preview's text layout: per rule a count and one line per text or summary line, texts only on request. */
class PreviewPrinterTest {
    private static final Instant AT = Instant.parse("2025-12-24T11:00:00Z");
    private static final TextLine PROMO = new TextLine("PROMOTION", "연말이벤트", "1051707", "화성 새솔점", "5011", "김*수", "5678",
            SmsType.LMS, ContentType.AD, "1051707:5011:PROMOTION", Instant.parse("2025-12-24T12:00:00Z"),
            "(광고)[플레이스] 연말 이벤트", "(광고)[플레이스 화성 새솔점] 김*수님, 12월 24일(수) 예약해 주셔서 감사합니다.\n무료수신거부 080-123-4567", null);
    private static final NoteLine DIGEST = new NoteLine("EXPERT_RETOUCH", "전문가보정", "951291", "안산 중앙점", "7001", "이*연", "3333",
            Set.of(RunNote.Channel.SLACK, RunNote.Channel.TELEGRAM), "951291:7001:EXPERT_RETOUCH", "안산 중앙점 12월 24일(수) 20:30 이*연(3333) 전문가 보정");

    @Test
    void eachRuleShowsItsCountAndOneAlignedLinePerTextOrSummaryLine() {
        PreviewReport report = new PreviewReport(AT, "rules/x.yaml", List.of(
                new RuleResult("PROMOTION", "연말이벤트", 50, true, false, List.of(PROMO), List.of()),
                new RuleResult("REMINDER", "상세안내", 20, true, false, List.of(), List.of()),
                new RuleResult("EXPERT_RETOUCH", "전문가보정", 60, false, true, List.of(), List.of(DIGEST))),
                List.of(new SkipLine("1051707", "화성 새솔점", "5013", "CONFIRMATION not sent: phone ***67 is a landline number")));

        List<String> lines = PreviewPrinter.lines(List.of("HEADER"), report, null, false);

        assertThat(lines.get(0)).isEqualTo("HEADER");
        assertThat(lines).contains("PROMOTION 연말이벤트: 1 text", "REMINDER 상세안내: no text",
                "EXPERT_RETOUCH 전문가보정: 1 summary line", "Skipped (1)");
        int promo = lines.indexOf("PROMOTION 연말이벤트: 1 text");
        assertThat(lines.get(promo + 1)).isEqualTo("  BRANCH       BOOKING  NAME   LAST4  TYPE  CONTENT  KEY                     "
                + "NOT AFTER (KST)   SUBJECT");
        assertThat(lines.get(promo + 2)).isEqualTo("  화성 새솔점  5011     김*수  5678   LMS   AD       1051707:5011:PROMOTION  "
                + "2025-12-24 21:00  (광고)[플레이스] 연말 이벤트");
        int digest = lines.indexOf("EXPERT_RETOUCH 전문가보정: 1 summary line");
        assertThat(lines.get(digest + 2)).containsPattern("안산 중앙점 +7001 +이\\*연 +3333 +slack\\+telegram +안산 중앙점 12월 24일");
        assertThat(lines).noneMatch(l -> l.contains("무료수신거부"));
        assertThat(lines.get(lines.size() - 1)).containsPattern("화성 새솔점 +5013 +CONFIRMATION not sent");

        List<String> shown = PreviewPrinter.lines(List.of(), report, null, true);
        assertThat(shown).contains("  --- 1051707:5011:PROMOTION (LMS, AD, subject: (광고)[플레이스] 연말 이벤트)",
                "      무료수신거부 080-123-4567");
    }

    @Test
    void aComparisonListsWhatOnlyOneSideSendsAndWhatIsWordedDifferently() {
        TextLine reworded = new TextLine("PROMOTION", "연말이벤트", "1051707", "화성 새솔점", "5011", "김*수", "5678",
                SmsType.SMS, ContentType.AD, "1051707:5011:PROMOTION", PROMO.notAfter(), null, "(광고)짧은 안내", null);
        PreviewComparison c = new PreviewComparison("bundled /rules.yaml", List.of(), List.of(PROMO),
                List.of(new PreviewComparison.Reworded(reworded, PROMO)), List.of(DIGEST), List.of());

        List<String> lines = PreviewPrinter.comparisonLines("rules/x.yaml", c, false);

        assertThat(lines).contains("Compared with bundled /rules.yaml:", "  only rules/x.yaml would send no text",
                "  only bundled /rules.yaml would send 1 text", "  both would send, worded differently: 1",
                "    1051707:5011:PROMOTION: LMS AD → SMS AD, subject '(광고)[플레이스] 연말 이벤트' → none, text differs",
                "  summary lines only rules/x.yaml would add: 1", "  summary lines only bundled /rules.yaml would add: 0");
    }
}
