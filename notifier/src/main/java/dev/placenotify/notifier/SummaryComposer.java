package dev.placenotify.notifier;

import dev.placenotify.model.FetchMode;
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
import java.util.TreeMap;

/**
 * Renders a run's tally for store owners. Every number is computed once, in {@link Figures}, from the
 * tally, and both channels render those figures, so the summary can never show "20 sent" beside parts
 * that add up to something else. It names stores, never a customer: free text from other stages goes
 * through {@link SafeText}, and all of it is escaped for the channel it goes to.
 */
public final class SummaryComposer {
    static final int TELEGRAM_LIMIT = 4096;
    static final int SLACK_SECTION_LIMIT = 3000;
    static final int SLACK_MAX_BLOCKS = 50;
    static final int SLACK_HEADER_LIMIT = 150;
    static final int REASON_LIMIT = 200;
    /** The default rule set's texts, always shown in the sent line (also at 0), in this order. */
    private static final List<String> DEFAULT_RULES = List.of("CONFIRMATION", "REMINDER", "EVENT");
    private static final DateTimeFormatter CYCLE = DateTimeFormatter.ofPattern("M월 d일 HH:mm", Locale.KOREAN);

    private final StoreCatalog stores;
    private final NotifierConfig.SensPrices prices;

    public SummaryComposer(StoreCatalog stores, NotifierConfig.SensPrices prices) {
        this.stores = stores;
        this.prices = prices;
    }

    /**
     * Facts of one summary, derived from the tally and nothing else. Two identities hold by construction:
     * {@code sent = Σ sentByKind} and {@code planned + unplanned = sent + failed + skipped + unknown + expired + pending}.
     */
    public record Figures(int planned, int unplanned, int sent, int failed, int skipped, int unknown, int expired, int pending,
                          int replayed, Map<String, Integer> sentByKind, int storesExpected, int storesDone,
                          List<String> failedStores, List<String> missingStores, Map<String, Integer> bookingsByStatus,
                          int bookingsSkipped, double costKrw, Map<String, OutcomeCounts> late) {}

    public Figures figures(RunTally tally, Map<String, OutcomeCounts> late) {
        OutcomeCounts o = tally.outcomes();
        Map<String, Integer> sentByKind = new LinkedHashMap<>();
        for (String k : DEFAULT_RULES) {
            sentByKind.put(k, o.count(OutcomeStatus.SENT, k));
        }
        o.byStatusAndKind().getOrDefault(OutcomeStatus.SENT, Map.of()).forEach(sentByKind::putIfAbsent);
        Map<String, Integer> byStatus = new TreeMap<>();
        int skippedBookings = 0;
        for (StoreTally s : tally.stores().values()) {
            s.bookingsByStatus().forEach((k, v) -> byStatus.merge(k, v, Integer::sum));
            skippedBookings += s.skippedCount();
        }
        int done = (int) tally.expectedStores().stream()
                .filter(id -> tally.store(id) != null && tally.store(id).fullyPlanned()).count();
        double cost = o.sentByType().getOrDefault(SmsType.SMS, 0) * prices.sms()
                + o.sentByType().getOrDefault(SmsType.LMS, 0) * prices.lms();
        return new Figures(tally.plannedJobs(), tally.unplannedOutcomes(), o.count(OutcomeStatus.SENT),
                o.count(OutcomeStatus.FAILED), o.count(OutcomeStatus.SKIPPED), o.count(OutcomeStatus.UNKNOWN),
                o.count(OutcomeStatus.EXPIRED),
                tally.pendingJobs(), o.replayed(), sentByKind, tally.expectedStores().size(), done, tally.failedStores(),
                tally.missingStores(), byStatus, skippedBookings, cost, Map.copyOf(late));
    }

    /** The summary of a run; {@code complete} is the run's state when it was claimed (see {@link RunTally}). */
    public RunSummary compose(RunTally tally, boolean complete, Map<String, OutcomeCounts> late, Duration duration,
                              List<DlqInspector.DlqDepth> dlqs) {
        Figures f = figures(tally, late);
        String when = CYCLE.format(tally.cycleAt().atZone(Messages.KST));
        boolean clean = complete && f.failed() == 0 && f.unknown() == 0 && f.unplanned() == 0;
        String headline = (clean ? "✅" : "⚠️") + " place-notify " + when
                + (tally.mode() == FetchMode.NORMAL ? "" : " [" + tally.mode() + "]")
                + (complete ? " 실행 완료" : " 실행 미완료");
        String sentLine = "SMS 발송 " + f.sent() + "건: " + kindBreakdown(f.sentByKind());
        String balance = balance(f);
        String storesLine = "매장 " + f.storesDone() + "/" + f.storesExpected() + " 처리 · 예약 " + statusLine(f.bookingsByStatus());
        String timing = String.format(Locale.ROOT, "소요 %.1f초 · 예상 비용 %,.0f원", duration.toMillis() / 1000.0, f.costKrw());
        List<Problem> problems = problems(tally, f, dlqs);

        List<String> lines = new ArrayList<>();
        lines.add("<b>" + Html.escape(headline) + "</b>");
        lines.add(Html.escape(sentLine));
        lines.add(Html.escape(balance));
        lines.add(Html.escape(storesLine));
        lines.add(Html.escape(timing));
        if (f.replayed() > 0) {
            lines.add(Html.escape(replayedLine(f.replayed())));
        }
        if (f.bookingsSkipped() > 0) {
            lines.add(Html.escape("건너뛴 예약 " + f.bookingsSkipped() + "건 (사유는 Slack 참고)"));
        }
        for (Problem p : problems) {
            if (!p.detailOnly()) {
                lines.add(Html.escape(p.emoji() + " " + p.text()));
            }
        }
        lines.add(Html.escape("실행 " + tally.runId()));
        List<String> parts = TextSplitter.split(lines, TELEGRAM_LIMIT);
        String line = headline + " | " + sentLine + " | " + balance + " | " + storesLine;
        return new RunSummary(parts, slack(tally, f, headline, sentLine, balance, timing, problems), line);
    }

    /** A finding the summary reports; {@code detailOnly} ones (skip reasons) go to Slack only. */
    private record Problem(String emoji, String slackEmoji, String text, boolean detailOnly) {}

    private List<Problem> problems(RunTally tally, Figures f, List<DlqInspector.DlqDepth> dlqs) {
        List<Problem> out = new ArrayList<>();
        for (String id : f.failedStores()) {
            out.add(new Problem("❌", ":x:", storeName(id) + ": 조회 실패 ("
                    + SafeText.of(tally.store(id).failedReason(), REASON_LIMIT) + ")", false));
        }
        for (String id : f.missingStores()) {
            out.add(new Problem("⏳", ":hourglass:", storeName(id) + ": 마감까지 처리되지 않음 (" + whyMissing(tally.store(id)) + ")", false));
        }
        if (f.pending() > 0) {
            out.add(new Problem("⏳", ":hourglass:", "결과를 받지 못한 SMS 작업 " + f.pending() + "건", false));
        }
        if (f.unplanned() > 0) {
            out.add(new Problem("❓", ":grey_question:", "계획 보고 없이 도착한 결과 " + f.unplanned() + "건", false));
        }
        if (f.failed() > 0) {
            out.add(new Problem("🚨", ":rotating_light:", "발송 실패 " + f.failed() + "건", false));
        }
        if (f.unknown() > 0) {
            out.add(new Problem("❓", ":question:", "결과 불명 " + f.unknown() + "건 (operator CLI 'sends unknown'으로 확인)", false));
        }
        if (!dlqs.isEmpty()) {
            out.add(new Problem("📥", ":inbox_tray:", "DLQ에 메시지 있음: "
                    + String.join(", ", dlqs.stream().map(DlqInspector.DlqDepth::label).toList()), false));
        }
        f.late().forEach((runId, counts) -> out.add(new Problem("↩️", ":leftwards_arrow_with_hook:",
                "이전 실행 " + runId + "의 늦은 결과: 발송 " + counts.count(OutcomeStatus.SENT) + " · 실패 "
                        + counts.count(OutcomeStatus.FAILED) + " · 건너뜀 " + counts.count(OutcomeStatus.SKIPPED) + " · 불명 "
                        + counts.count(OutcomeStatus.UNKNOWN)
                        + (counts.count(OutcomeStatus.EXPIRED) > 0 ? " · 만료 " + counts.count(OutcomeStatus.EXPIRED) : ""), false)));
        for (StoreTally s : tally.stores().values()) {
            for (String reason : s.skipReasons()) {
                out.add(new Problem("•", "•", storeName(s.storeId()) + " 건너뜀: " + SafeText.of(reason, REASON_LIMIT), true));
            }
        }
        return out;
    }

    private static String whyMissing(StoreTally s) {
        if (s == null) {
            return "조회 결과 없음";
        }
        if (!s.fetched()) {
            return "조회 보고 없음";
        }
        return "계획 " + Math.min(s.plannedChunks().size(), s.chunkCount()) + "/" + s.chunkCount() + " 묶음";
    }

    private static String balance(Figures f) {
        return "계획 " + f.planned() + (f.unplanned() > 0 ? " + 계획 외 " + f.unplanned() : "")
                + " = 발송 " + f.sent() + " + 실패 " + f.failed() + " + 건너뜀 " + f.skipped() + " + 불명 " + f.unknown()
                + (f.expired() > 0 ? " + 만료 " + f.expired() : "")
                + (f.pending() > 0 ? " + 미처리 " + f.pending() : "");
    }

    private static String replayedLine(int replayed) {
        return "이 중 " + replayed + "건은 이전에 처리된 작업의 재보고 (다시 보내지 않음)";
    }

    private Map<String, Object> slack(RunTally tally, Figures f, String headline, String sentLine, String balance,
                                      String timing, List<Problem> problems) {
        List<Map<String, Object>> blocks = new ArrayList<>();
        blocks.add(Map.of("type", "header", "text", Map.of("type", "plain_text", "text", truncate(headline, SLACK_HEADER_LIMIT))));
        StringBuilder overview = new StringBuilder("*" + SlackText.escape(sentLine) + "*\n" + SlackText.escape(balance) + "\n"
                + SlackText.escape(timing) + String.format(Locale.ROOT, " (SMS %.0f원, LMS %.0f원 기준)", prices.sms(), prices.lms()));
        if (f.replayed() > 0) {
            overview.append('\n').append(SlackText.escape(replayedLine(f.replayed())));
        }
        if (f.bookingsSkipped() > 0) {
            overview.append('\n').append("건너뛴 예약 ").append(f.bookingsSkipped()).append("건");
        }
        List<Map<String, Object>> body = new ArrayList<>();
        body.add(section(overview.toString()));
        for (String chunk : TextSplitter.split(storeTable(tally), SLACK_SECTION_LIMIT - 8)) {
            body.add(section("```\n" + chunk + "\n```"));
        }
        List<String> problemLines = new ArrayList<>();
        for (Problem p : problems) {
            String text = SlackText.escape(p.text());
            problemLines.add(p.slackEmoji() + " " + (p.detailOnly() ? text : "*" + text + "*"));
        }
        for (String chunk : TextSplitter.split(problemLines, SLACK_SECTION_LIMIT)) {
            body.add(section(chunk));
        }
        Map<String, Object> context = Map.of("type", "context", "elements",
                List.of(Map.of("type", "mrkdwn", "text", "실행 " + SlackText.escape(tally.runId()))));
        // Header and context are always there; the body gives way, with a note, when a run is enormous.
        int room = SLACK_MAX_BLOCKS - 2;
        if (body.size() > room) {
            body = new ArrayList<>(body.subList(0, room - 1));
            body.add(section("… (생략: 블록이 너무 많습니다)"));
        }
        blocks.addAll(body);
        blocks.add(context);
        return Map.of("text", SlackText.escape(headline + " — " + sentLine), "blocks", blocks);
    }

    /** One row per expected store, plus any store that reported without being announced. */
    private List<String> storeTable(RunTally tally) {
        List<String> rows = new ArrayList<>();
        rows.add(String.format(Locale.ROOT, "%-12s %5s %5s %5s  %s", "매장", "예약", "계획", "건너뜀", "상태"));
        List<String> ids = new ArrayList<>(tally.expectedStores());
        tally.stores().keySet().stream().filter(id -> !ids.contains(id)).forEach(ids::add);
        for (String id : ids) {
            StoreTally s = tally.store(id);
            int bookings = s == null ? 0 : s.bookingsByStatus().values().stream().mapToInt(Integer::intValue).sum();
            String state = s == null ? "대기" : s.failed() ? "실패" : s.fullyPlanned() ? "완료" : "진행중";
            rows.add(SlackText.escape(String.format(Locale.ROOT, "%-12s %5d %5d %5d  %s", truncate(storeName(id), 12), bookings,
                    s == null ? 0 : s.plannedJobs(), s == null ? 0 : s.skippedCount(), state)));
        }
        return rows;
    }

    private static Map<String, Object> section(String markdown) {
        return Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", truncate(markdown, SLACK_SECTION_LIMIT)));
    }

    private static String kindBreakdown(Map<String, Integer> byKind) {
        List<String> parts = new ArrayList<>();
        byKind.forEach((k, v) -> {
            if (v > 0 || DEFAULT_RULES.contains(k)) {
                parts.add(label(k) + " " + v);
            }
        });
        return String.join(" · ", parts);
    }

    static String label(String rule) {
        return switch (rule) {
            case "CONFIRMATION" -> "확정";
            case "REMINDER" -> "리마인더";
            case "EVENT" -> "이벤트";
            case "CANCELLATION" -> "취소";
            case "RESCHEDULE" -> "일정변경";
            default -> SafeText.of(rule, 40);
        };
    }

    private static String statusLine(Map<String, Integer> byStatus) {
        if (byStatus.isEmpty()) {
            return "없음";
        }
        List<String> parts = new ArrayList<>();
        byStatus.forEach((k, v) -> parts.add(statusLabel(k) + " " + v));
        return String.join(" · ", parts);
    }

    /** Naver's booking status codes in the owners' words. */
    static String statusLabel(String code) {
        return switch (code) {
            case "RC02" -> "요청";
            case "RC03" -> "확정";
            case "RC04" -> "취소";
            case "RC08" -> "완료";
            default -> SafeText.of(code, 20);
        };
    }

    private String storeName(String storeId) {
        return stores.find(storeId).map(StoreSettings::name).map(n -> n + "(" + storeId + ")")
                .orElse(SafeText.of(storeId, 40));
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
