package dev.placenotify.notifier;

import dev.placenotify.model.MessageKind;
import dev.placenotify.model.Messages;
import dev.placenotify.model.OutcomeStatus;
import dev.placenotify.model.SmsType;
import dev.placenotify.model.StoreCatalog;
import dev.placenotify.model.StoreSettings;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a run's tally for store owners. Every total is computed from its parts here, once, so the
 * summary can never show "20 sent" beside parts that add up to something else; it names no customer.
 */
public final class SummaryComposer {
    static final int TELEGRAM_LIMIT = 4096;
    static final int SLACK_SECTION_LIMIT = 3000;
    static final int SLACK_MAX_BLOCKS = 50;
    private static final DateTimeFormatter CYCLE = DateTimeFormatter.ofPattern("M월 d일 HH:mm", Locale.KOREAN);

    private final StoreCatalog stores;
    private final NotifierConfig.SensPrices prices;

    public SummaryComposer(StoreCatalog stores, NotifierConfig.SensPrices prices) {
        this.stores = stores;
        this.prices = prices;
    }

    /** Facts of one summary, derived from the tally and nothing else. */
    public record Figures(int planned, int sent, int failed, int skipped, int unknown, int pending,
                          Map<MessageKind, Integer> sentByKind, int storesExpected, int storesDone,
                          List<String> failedStores, List<String> missingStores, Map<String, Integer> bookingsByStatus,
                          int bookingsSkipped, double costKrw, OutcomeCounts late) {}

    public Figures figures(RunTally tally, OutcomeCounts late) {
        OutcomeCounts o = tally.outcomes();
        Map<MessageKind, Integer> sentByKind = new LinkedHashMap<>();
        for (MessageKind k : MessageKind.values()) {
            sentByKind.put(k, o.count(OutcomeStatus.SENT, k));
        }
        Map<String, Integer> byStatus = new java.util.TreeMap<>();
        int skippedBookings = 0;
        for (StoreTally s : tally.stores().values()) {
            s.bookingsByStatus().forEach((k, v) -> byStatus.merge(k, v, Integer::sum));
            skippedBookings += s.skippedCount();
        }
        int done = (int) tally.expectedStores().stream()
                .filter(id -> tally.store(id) != null && tally.store(id).fullyPlanned()).count();
        double cost = o.sentByType().getOrDefault(SmsType.SMS, 0) * prices.sms()
                + o.sentByType().getOrDefault(SmsType.LMS, 0) * prices.lms();
        return new Figures(tally.plannedJobs(), o.count(OutcomeStatus.SENT), o.count(OutcomeStatus.FAILED),
                o.count(OutcomeStatus.SKIPPED), o.count(OutcomeStatus.UNKNOWN), tally.pendingJobs(), sentByKind,
                tally.expectedStores().size(), done, tally.failedStores(), tally.missingStores(), byStatus,
                skippedBookings, cost, late);
    }

    public RunSummary compose(RunTally tally, OutcomeCounts late, Duration duration, List<String> dlqsWithMessages) {
        Figures f = figures(tally, late);
        boolean complete = tally.complete();
        String when = CYCLE.format(tally.cycleAt().atZone(Messages.KST));
        String headline = (complete && f.failed() == 0 && f.unknown() == 0 ? "✅" : "⚠️") + " place-notify " + when
                + (complete ? " 실행 완료" : " 실행 미완료");
        String sentLine = "SMS 발송 " + f.sent() + "건: " + kindBreakdown(f.sentByKind());
        String balance = "계획 " + f.planned() + " = 발송 " + f.sent() + " + 실패 " + f.failed() + " + 건너뜀 " + f.skipped()
                + " + 불명 " + f.unknown() + (f.pending() > 0 ? " + 미처리 " + f.pending() : "");
        String storesLine = "매장 " + f.storesDone() + "/" + f.storesExpected() + " 처리 · 예약 " + statusLine(f.bookingsByStatus());
        List<String> lines = new ArrayList<>();
        lines.add("<b>" + Html.escape(headline) + "</b>");
        lines.add(Html.escape(sentLine));
        lines.add(Html.escape(balance));
        lines.add(Html.escape(storesLine));
        lines.add(Html.escape(String.format(Locale.ROOT, "소요 %.1f초 · 예상 비용 %,.0f원", duration.toMillis() / 1000.0, f.costKrw())));
        if (f.bookingsSkipped() > 0) {
            lines.add(Html.escape("건너뛴 예약 " + f.bookingsSkipped() + "건 (사유는 Slack 참고)"));
        }
        for (String id : f.failedStores()) {
            lines.add(Html.escape("❌ " + storeName(id) + ": 조회 실패 (" + tally.store(id).failedReason() + ")"));
        }
        for (String id : f.missingStores()) {
            lines.add(Html.escape("⏳ " + storeName(id) + ": 마감까지 처리되지 않음"));
        }
        if (!dlqsWithMessages.isEmpty()) {
            lines.add(Html.escape("DLQ에 메시지 있음: " + String.join(", ", dlqsWithMessages)));
        }
        if (late.total() > 0) {
            lines.add(Html.escape("이전 실행의 늦은 결과: 발송 " + late.count(OutcomeStatus.SENT) + " · 실패 "
                    + late.count(OutcomeStatus.FAILED) + " · 건너뜀 " + late.count(OutcomeStatus.SKIPPED) + " · 불명 "
                    + late.count(OutcomeStatus.UNKNOWN)));
        }
        List<String> parts = TextSplitter.split(lines, TELEGRAM_LIMIT);
        String line = headline + " | " + sentLine + " | " + balance;
        return new RunSummary(parts, slack(tally, f, headline, sentLine, balance, duration, dlqsWithMessages), line);
    }

    private Map<String, Object> slack(RunTally tally, Figures f, String headline, String sentLine, String balance,
                                      Duration duration, List<String> dlqs) {
        List<Map<String, Object>> blocks = new ArrayList<>();
        blocks.add(Map.of("type", "header", "text", Map.of("type", "plain_text", "text", truncate(headline, 150))));
        blocks.add(section("*" + sentLine + "*\n" + balance + String.format(Locale.ROOT,
                "\n소요 %.1f초 · 예상 비용 %,.0f원 (SMS %.0f원, LMS %.0f원 기준)", duration.toMillis() / 1000.0, f.costKrw(),
                prices.sms(), prices.lms())));
        StringBuilder table = new StringBuilder("```\n");
        table.append(String.format(Locale.ROOT, "%-10s %5s %5s %5s %5s%n", "매장", "예약", "계획", "건너뜀", "상태"));
        for (String id : tally.expectedStores()) {
            StoreTally s = tally.store(id);
            int bookings = s == null ? 0 : s.bookingsByStatus().values().stream().mapToInt(Integer::intValue).sum();
            String state = s == null ? "대기" : s.failed() ? "실패" : s.fullyPlanned() ? "완료" : "진행중";
            table.append(String.format(Locale.ROOT, "%-10s %5d %5d %5d %5s%n", truncate(storeName(id), 10), bookings,
                    s == null ? 0 : s.plannedJobs(), s == null ? 0 : s.skippedCount(), state));
        }
        table.append("```");
        for (String chunk : TextSplitter.split(List.of(table.toString().split("\n")), SLACK_SECTION_LIMIT - 10)) {
            blocks.add(section(chunk.startsWith("```") ? chunk : "```\n" + chunk + (chunk.endsWith("```") ? "" : "\n```")));
        }
        List<String> problems = new ArrayList<>();
        for (String id : f.failedStores()) {
            problems.add(":x: *" + storeName(id) + "* 조회 실패: " + tally.store(id).failedReason());
        }
        for (String id : f.missingStores()) {
            problems.add(":hourglass: *" + storeName(id) + "* 마감까지 처리되지 않음");
        }
        if (f.failed() > 0) {
            problems.add(":rotating_light: 발송 실패 " + f.failed() + "건");
        }
        if (f.unknown() > 0) {
            problems.add(":question: 결과 불명 " + f.unknown() + "건 (operator CLI 'sends unknown')");
        }
        if (!dlqs.isEmpty()) {
            problems.add(":inbox_tray: DLQ에 메시지 있음: " + String.join(", ", dlqs));
        }
        for (StoreTally s : tally.stores().values()) {
            for (String reason : s.skipReasons()) {
                problems.add("• " + storeName(s.storeId()) + " 건너뜀: " + reason);
            }
        }
        for (String chunk : TextSplitter.split(problems, SLACK_SECTION_LIMIT)) {
            if (blocks.size() >= SLACK_MAX_BLOCKS - 1) {
                blocks.add(section("… (생략)"));
                break;
            }
            blocks.add(section(chunk));
        }
        return Map.of("text", headline + " — " + sentLine, "blocks", blocks);
    }

    private static Map<String, Object> section(String markdown) {
        return Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", truncate(markdown, SLACK_SECTION_LIMIT)));
    }

    private static String kindBreakdown(Map<MessageKind, Integer> byKind) {
        List<String> parts = new ArrayList<>();
        byKind.forEach((k, v) -> {
            if (v > 0 || k == MessageKind.CONFIRMATION || k == MessageKind.REMINDER || k == MessageKind.EVENT) {
                parts.add(label(k) + " " + v);
            }
        });
        return String.join(" · ", parts);
    }

    static String label(MessageKind k) {
        return switch (k) {
            case CONFIRMATION -> "확정";
            case REMINDER -> "리마인더";
            case EVENT -> "이벤트";
            case CANCELLATION -> "취소";
            case RESCHEDULE -> "일정변경";
        };
    }

    private static String statusLine(Map<String, Integer> byStatus) {
        if (byStatus.isEmpty()) {
            return "없음";
        }
        List<String> parts = new ArrayList<>();
        byStatus.forEach((k, v) -> parts.add(k + " " + v));
        return String.join(" · ", parts);
    }

    private String storeName(String storeId) {
        return stores.find(storeId).map(StoreSettings::name).map(n -> n + "(" + storeId + ")").orElse(storeId);
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
