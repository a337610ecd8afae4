package dev.placenotify.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.placenotify.model.StoreCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeliverySectionTest {
    private static final StoreCatalog STORES = StoreCatalog.parse("""
            {"defaultCallbackNumber": "0311234567", "stores": [{"storeId": "1051707", "name": "화성 새솔점"}]}
            """);
    private static final DeliverySection SECTION = new DeliverySection(STORES);

    private static DeliveryCounts counts(int delivered, int failed, List<DeliveryCounts.Line> lines) {
        return new DeliveryCounts(Map.of(DeliveryCounts.countKey("DELIVERED", "1051707", "CONFIRMATION"), delivered,
                DeliveryCounts.countKey("FAILED", "1051707", "CONFIRMATION"), failed), Map.of(), lines);
    }

    @Test
    void totalsByStoreAndRuleAndTheFailuresWithTheirReasonWhereAsked() {
        DeliveryCounts d = counts(12, 1, List.of(new DeliveryCounts.Line("FAILED", "1051707", "CONFIRMATION", "김*수", "5678",
                "3018", "수신 거부 010-1234-5678")));
        assertThat(SECTION.lines("전달 결과", d, false)).containsExactly("📬 전달 결과: 전달 12 · 실패 1",
                "· 화성 새솔점 예약확정: 전달 12 · 실패 1", "❌ 예약확정 화성 새솔점 김*수 5678 전달 실패");
        assertThat(SECTION.lines("전달 결과", d, true)).last().isEqualTo(
                "❌ 예약확정 화성 새솔점 김*수 5678 전달 실패 (3018 수신 거부 010-****-5678)");
    }

    @Test
    void nothingToReportLeavesTheSummaryAsItWas() {
        RunSummary s = new RunSummary(List.of("a", "실행 c1"), Map.of("text", "t", "blocks", List.of()), "line");
        assertThat(SECTION.appendTo(s, DeliveryCounts.empty())).isSameAs(s);
    }

    @Test
    void manyFailuresAreCutAndCountedAndTheAdditionStaysSmall() {
        List<DeliveryCounts.Line> lines = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            lines.add(new DeliveryCounts.Line("FAILED", "1051707", "CONFIRMATION", "김*수", String.format("%04d", i), "1", "x".repeat(100)));
        }
        List<String> out = SECTION.lines("t", counts(0, 200, lines), true);
        assertThat(out).contains("…외 170건");
        RunSummary s = new RunSummary(List.of("실행 c1"), Map.of("text", "t", "blocks", List.of(Map.of("type", "context"))), "line");
        RunSummary with = SECTION.appendTo(s, counts(0, 200, lines));
        assertThat(String.join("", with.telegramParts()).length()).isLessThanOrEqualTo("실행 c1".length() + 1 + DeliverySection.ADDITION_LIMIT + 1);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> blocks = (List<Map<String, Object>>) with.slackPayload().get("blocks");
        assertThat(blocks).hasSize(2);
        assertThat(blocks.get(1).get("type")).as("the run id's context block stays last").isEqualTo("context");
        assertThat(with.line()).endsWith("| 전달 0 · 실패 200");
    }
}
