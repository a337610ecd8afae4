package dev.placenotify.notifier;

import dev.placenotify.model.FetchMode;
import dev.placenotify.model.Messages;
import dev.placenotify.model.OutcomeStatus;
import dev.placenotify.model.RunNote;
import dev.placenotify.model.SmsType;
import dev.placenotify.model.StoreCatalog;
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
 * that add up to something else. The headline, the figures' lines and the problems are composed here;
 * the per-text lines and notes are {@link SummaryLines}', and each channel renders them within its limits
 * ({@link TelegramSummary}, {@link SlackSummary}, cut by {@link LineBudget}).
 *
 * <p>Names come masked from the planner and phone numbers only as their last four digits; free text from
 * other stages goes through {@link SafeText}, and all of it is escaped for the channel it goes to.
 *
 * <p>Each channel's post stays within {@value #TOTAL_LIMIT} characters in all (Slack refuses longer
 * messages even when every block is small): the figures always go out whole; problems, the per-text
 * lines, the digest notes and (Slack) the store table and skip reasons are cut in that order of priority,
 * each with "…외 N건".
 */
public final class SummaryComposer {
    static final int TELEGRAM_LIMIT = 4096;
    /** The most one summary posts on one channel, in characters as sent (markup included). */
    static final int TOTAL_LIMIT = 12_000;
    static final int SLACK_SECTION_LIMIT = 3000;
    static final int SLACK_MAX_BLOCKS = 50;
    static final int SLACK_HEADER_LIMIT = 150;
    static final int REASON_LIMIT = 200;
    static final String NOTHING_DUE = "문자 발송 대상 없음";
    private static final DateTimeFormatter CYCLE = DateTimeFormatter.ofPattern("M월 d일 HH:mm", Locale.KOREAN);

    private final SummaryLines lines;
    private final SlackSummary slack;
    private final NotifierConfig.SensPrices prices;

    public SummaryComposer(StoreCatalog stores, NotifierConfig.SensPrices prices) {
        this(() -> stores, prices);
    }

    /** @param stores the catalog now (live: branch names as the owners last set them) */
    public SummaryComposer(java.util.function.Supplier<StoreCatalog> stores, NotifierConfig.SensPrices prices) {
        this.lines = new SummaryLines(stores);
        this.slack = new SlackSummary(lines, prices);
        this.prices = prices;
    }

    /**
     * Facts of one summary, derived from the tally and nothing else. Two identities hold by construction:
     * {@code sent = Σ sentByKind} and {@code planned + unplanned = sent + failed + skipped + unknown + expired + pending}.
     * {@code sentByKind} is keyed by rule id; {@code labels} names each rule in the owners' words.
     */
    public record Figures(int planned, int unplanned, int sent, int failed, int skipped, int unknown, int expired, int pending,
                          int replayed, Map<String, Integer> sentByKind, int storesExpected, int storesDone,
                          List<String> failedStores, List<String> missingStores, Map<String, Integer> bookingsByStatus,
                          int bookingsSkipped, double costKrw, Map<String, OutcomeCounts> late, Map<String, String> labels) {}

    public Figures figures(RunTally tally, Map<String, OutcomeCounts> late) {
        OutcomeCounts o = tally.outcomes();
        Map<String, Integer> sentByKind = new LinkedHashMap<>();
        for (String k : SummaryLines.DEFAULT_RULES) {
            sentByKind.put(k, o.count(OutcomeStatus.SENT, k));
        }
        o.byStatusAndKind().getOrDefault(OutcomeStatus.SENT, Map.of()).forEach(sentByKind::putIfAbsent);
        Map<String, String> labels = new TreeMap<>();
        sentByKind.keySet().forEach(rule -> labels.put(rule, SummaryLines.label(rule, tally.ruleLabels())));
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
                tally.missingStores(), byStatus, skippedBookings, cost, Map.copyOf(late), labels);
    }

    /** The summary of a run; {@code complete} is the run's state when it was claimed (see {@link RunTally}). */
    public RunSummary compose(RunTally tally, boolean complete, Map<String, OutcomeCounts> late, Duration duration,
                              List<DlqInspector.DlqDepth> dlqs) {
        Figures f = figures(tally, late);
        String when = CYCLE.format(tally.cycleAt().atZone(Messages.KST));
        boolean clean = complete && f.failed() == 0 && f.unknown() == 0 && f.expired() == 0 && f.unplanned() == 0;
        String headline = (clean ? "✅" : "⚠️") + " place-notify " + when
                + (tally.mode() == FetchMode.NORMAL ? "" : " [" + tally.mode() + "]")
                + (complete ? " 실행 완료" : " 실행 미완료");
        String sentLine = "SMS 발송 " + f.sent() + "건: " + kindBreakdown(f);
        String balance = balance(f);
        String storesLine = "매장 " + f.storesDone() + "/" + f.storesExpected() + " 처리 · 예약 " + statusLine(f.bookingsByStatus());
        String timing = String.format(Locale.ROOT, "소요 %.1f초 · 예상 비용 %,.0f원", duration.toMillis() / 1000.0, f.costKrw());
        List<Problem> problems = problems(tally, f, dlqs);
        LineBudget.Section texts = lines.texts(tally, f, late);

        List<String> head = new ArrayList<>(List.of(headline, sentLine, balance, storesLine, timing));
        if (f.replayed() > 0) {
            head.add(replayedLine(f.replayed()));
        }
        if (f.bookingsSkipped() > 0) {
            head.add("건너뛴 예약 " + f.bookingsSkipped() + "건 (사유는 Slack 참고)");
        }
        String tail = "실행 " + tally.runId();
        String line = headline + " | " + sentLine + " | " + balance + " | " + storesLine;
        return new RunSummary(TelegramSummary.render(head, problems, texts, lines.notes(tally, RunNote.Channel.TELEGRAM), tail),
                slack.render(tally, f, headline, sentLine, balance, timing, problems, texts), line);
    }

    /** A finding the summary reports; {@code detailOnly} ones (skip reasons) go to Slack only. */
    record Problem(String emoji, String slackEmoji, String text, boolean detailOnly) {}

    private List<Problem> problems(RunTally tally, Figures f, List<DlqInspector.DlqDepth> dlqs) {
        List<Problem> out = new ArrayList<>();
        for (String id : f.failedStores()) {
            out.add(new Problem("❌", ":x:", lines.storeName(id) + ": 조회 실패 ("
                    + SafeText.of(tally.store(id).failedReason(), REASON_LIMIT) + ")", false));
        }
        for (String id : f.missingStores()) {
            out.add(new Problem("⏳", ":hourglass:", lines.storeName(id) + ": 마감까지 처리되지 않음 (" + whyMissing(tally.store(id)) + ")", false));
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
        if (f.expired() > 0) {
            out.add(new Problem("⌛", ":hourglass_flowing_sand:", "시간이 지나 보내지 않은 문자 " + f.expired() + "건", false));
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
                out.add(new Problem("•", "•", lines.storeName(s.storeId()) + " 건너뜀: " + SafeText.of(reason, REASON_LIMIT), true));
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

    static String replayedLine(int replayed) {
        return "이 중 " + replayed + "건은 이전에 처리된 작업의 재보고 (다시 보내지 않음)";
    }

    private static String kindBreakdown(Figures f) {
        List<String> parts = new ArrayList<>();
        f.sentByKind().forEach((k, v) -> {
            if (v > 0 || SummaryLines.DEFAULT_RULES.contains(k)) {
                parts.add(f.labels().get(k) + " " + v);
            }
        });
        return String.join(" · ", parts);
    }

    private static String statusLine(Map<String, Integer> byStatus) {
        if (byStatus.isEmpty()) {
            return "없음";
        }
        List<String> parts = new ArrayList<>();
        byStatus.forEach((k, v) -> parts.add(SummaryLines.statusLabel(k) + " " + v));
        return String.join(" · ", parts);
    }
}
