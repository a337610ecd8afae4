package dev.placenotify.notifier;

import dev.placenotify.model.FetchMode;
import dev.placenotify.model.Messages;
import dev.placenotify.model.OutcomeStatus;
import dev.placenotify.model.RunNote;
import dev.placenotify.model.SmsType;
import dev.placenotify.model.StoreCatalog;
import dev.placenotify.model.StoreSettings;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Renders a run's tally for store owners. Every number is computed once, in {@link Figures}, from the
 * tally, and both channels render those figures, so the summary can never show "20 sent" beside parts
 * that add up to something else.
 *
 * <p>Like the legacy, the post lists one line per text ({@code 예약확정 화성 새솔점 김*수 5678}), sorted by
 * branch, then rule, with texts that did not go out marked; or {@code 문자 발송 대상 없음} when nothing was due.
 * Names come masked from the planner and phone numbers only as their last four digits; free text from
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
    static final int NOTE_LIMIT = 200;
    static final String NOTHING_DUE = "문자 발송 대상 없음";
    /** Room kept for the Slack payload's own markup: code fences, headings and block separators. */
    private static final int SLACK_MARKUP_RESERVE = 400;
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
     * {@code sentByKind} is keyed by rule id; {@code labels} names each rule in the owners' words.
     */
    public record Figures(int planned, int unplanned, int sent, int failed, int skipped, int unknown, int expired, int pending,
                          int replayed, Map<String, Integer> sentByKind, int storesExpected, int storesDone,
                          List<String> failedStores, List<String> missingStores, Map<String, Integer> bookingsByStatus,
                          int bookingsSkipped, double costKrw, Map<String, OutcomeCounts> late, Map<String, String> labels) {}

    public Figures figures(RunTally tally, Map<String, OutcomeCounts> late) {
        OutcomeCounts o = tally.outcomes();
        Map<String, Integer> sentByKind = new LinkedHashMap<>();
        for (String k : DEFAULT_RULES) {
            sentByKind.put(k, o.count(OutcomeStatus.SENT, k));
        }
        o.byStatusAndKind().getOrDefault(OutcomeStatus.SENT, Map.of()).forEach(sentByKind::putIfAbsent);
        Map<String, String> labels = new TreeMap<>();
        sentByKind.keySet().forEach(rule -> labels.put(rule, label(rule, tally.ruleLabels())));
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
        LineBudget.Section texts = texts(tally, f, late);

        List<String> head = new ArrayList<>(List.of(headline, sentLine, balance, storesLine, timing));
        if (f.replayed() > 0) {
            head.add(replayedLine(f.replayed()));
        }
        if (f.bookingsSkipped() > 0) {
            head.add("건너뛴 예약 " + f.bookingsSkipped() + "건 (사유는 Slack 참고)");
        }
        String tail = "실행 " + tally.runId();
        String line = headline + " | " + sentLine + " | " + balance + " | " + storesLine;
        return new RunSummary(telegram(head, problems, texts, notes(tally, RunNote.Channel.TELEGRAM), tail),
                slack(tally, f, headline, sentLine, balance, timing, problems, texts), line);
    }

    private List<String> telegram(List<String> head, List<Problem> problems, LineBudget.Section texts,
                                  LineBudget.Section notes, String tail) {
        List<String> headHtml = new ArrayList<>();
        headHtml.add("<b>" + Html.escape(head.get(0)) + "</b>");
        head.subList(1, head.size()).forEach(l -> headHtml.add(Html.escape(l)));
        String tailHtml = Html.escape(tail);
        List<String> problemLines = problems.stream().filter(p -> !p.detailOnly()).map(p -> Html.escape(p.emoji() + " " + p.text())).toList();
        List<List<String>> body = LineBudget.fit(List.of(new LineBudget.Section(problemLines),
                escaped(texts, Html::escape), escaped(notes, Html::escape)),
                TOTAL_LIMIT - LineBudget.cost(headHtml) - LineBudget.cost(tailHtml));
        List<String> lines = new ArrayList<>(headHtml);
        body.forEach(lines::addAll);
        lines.add(tailHtml);
        return TextSplitter.split(lines, TELEGRAM_LIMIT);
    }

    private static LineBudget.Section escaped(LineBudget.Section s, Function<String, String> escape) {
        return new LineBudget.Section(s.lines().stream().map(escape).toList(), s.alreadyOmitted());
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
                out.add(new Problem("•", "•", storeName(s.storeId()) + " 건너뜀: " + SafeText.of(reason, REASON_LIMIT), true));
            }
        }
        return out;
    }

    /**
     * One line per text of this run, then the late ones of earlier runs (marked ↩️ with their run), sorted
     * by branch, rule, status and name; {@value #NOTHING_DUE} when the run had nothing to send.
     */
    private LineBudget.Section texts(RunTally tally, Figures f, Map<String, OutcomeCounts> late) {
        List<String> storeOrder = new ArrayList<>(tally.expectedStores());
        tally.stores().keySet().stream().filter(id -> !storeOrder.contains(id)).sorted().forEach(storeOrder::add);
        Comparator<TextLine> order = Comparator
                .comparingInt((TextLine l) -> storeOrder.contains(l.storeId()) ? storeOrder.indexOf(l.storeId()) : Integer.MAX_VALUE)
                .thenComparing(TextLine::storeId)
                .thenComparingInt(l -> DEFAULT_RULES.contains(l.rule()) ? DEFAULT_RULES.indexOf(l.rule()) : DEFAULT_RULES.size())
                .thenComparing(TextLine::rule)
                .thenComparing(TextLine::status)
                .thenComparing(l -> l.customer() == null ? "" : l.customer())
                .thenComparing(l -> l.phoneLast4() == null ? "" : l.phoneLast4());
        List<String> lines = new ArrayList<>();
        if (f.planned() == 0 && tally.outcomes().total() == 0) {
            lines.add(NOTHING_DUE);
        }
        tally.outcomes().lines().stream().sorted(order).forEach(l -> lines.add(textLine(l)));
        int omitted = tally.outcomes().linesOmitted();
        for (Map.Entry<String, OutcomeCounts> run : new TreeMap<>(late).entrySet()) {
            run.getValue().lines().stream().sorted(order)
                    .forEach(l -> lines.add("↩️ " + textLine(l) + " (" + run.getKey() + ")"));
            omitted += run.getValue().linesOmitted();
        }
        return new LineBudget.Section(lines, omitted);
    }

    /** {@code 예약확정 화성 새솔점 김*수 5678}, marked when the text did not go out. */
    private String textLine(TextLine l) {
        String mark = switch (l.status()) {
            case FAILED -> "❌ ";
            case UNKNOWN -> "❓ ";
            case EXPIRED -> "⌛ ";
            default -> "";
        };
        String state = switch (l.status()) {
            case FAILED -> " 발송 실패";
            case UNKNOWN -> " 결과 불명";
            case EXPIRED -> " 시간 지나 미발송";
            default -> "";
        };
        return mark + label(l.rule(), Map.of(l.rule(), l.label())) + " " + who(l.storeId(), l.customer(), l.phoneLast4()) + state;
    }

    /** Branch, masked name and last four digits, as far as they are known. */
    private String who(String storeId, String customer, String phoneLast4) {
        StringBuilder b = new StringBuilder(branch(storeId));
        if (customer != null && !customer.isBlank()) {
            b.append(' ').append(SafeText.of(customer, 20));
        }
        String digits = phoneLast4 == null ? "" : phoneLast4.replaceAll("\\D", "");
        if (!digits.isEmpty()) {
            b.append(' ').append(digits.substring(Math.max(0, digits.length() - 4)));
        }
        return b.toString();
    }

    /** The digest rules' notes for {@code channel}, grouped by rule label: a heading per label, then its lines. */
    private LineBudget.Section notes(RunTally tally, RunNote.Channel channel) {
        Map<String, List<String>> byLabel = new TreeMap<>();
        int omitted = 0;
        for (StoreTally s : tally.stores().values()) {
            omitted += channel == RunNote.Channel.SLACK ? s.notesOmitted() : 0;
            for (RunNote n : s.notes()) {
                if (n.channels().contains(channel)) {
                    byLabel.computeIfAbsent(label(n.rule(), Map.of(n.rule(), n.label())), k -> new ArrayList<>()).add("· "
                            + who(n.storeId(), n.customer(), n.phoneLast4())
                            + (n.text().isBlank() ? "" : " — " + SafeText.of(n.text(), NOTE_LIMIT)));
                }
            }
        }
        List<String> lines = new ArrayList<>();
        byLabel.forEach((label, entries) -> {
            lines.add("📝 " + label + " (" + entries.size() + "건)");
            entries.stream().sorted().forEach(lines::add);
        });
        return new LineBudget.Section(lines, omitted);
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
                                      String timing, List<Problem> problems, LineBudget.Section texts) {
        String fallback = SlackText.escape(headline + " — " + sentLine);
        String header = truncate(headline, SLACK_HEADER_LIMIT);
        StringBuilder overview = new StringBuilder("*" + SlackText.escape(sentLine) + "*\n" + SlackText.escape(balance) + "\n"
                + SlackText.escape(timing) + String.format(Locale.ROOT, " (SMS %.0f원, LMS %.0f원 기준)", prices.sms(), prices.lms()));
        if (f.replayed() > 0) {
            overview.append('\n').append(SlackText.escape(replayedLine(f.replayed())));
        }
        if (f.bookingsSkipped() > 0) {
            overview.append('\n').append("건너뛴 예약 ").append(f.bookingsSkipped()).append("건");
        }
        String context = "실행 " + SlackText.escape(tally.runId());
        List<String> problemLines = new ArrayList<>();
        List<String> skipLines = new ArrayList<>();
        for (Problem p : problems) {
            String text = SlackText.escape(p.text());
            if (p.detailOnly()) {
                skipLines.add(p.slackEmoji() + " " + text);
            } else {
                problemLines.add(p.slackEmoji() + " *" + text + "*");
            }
        }
        int budget = TOTAL_LIMIT - fallback.length() - header.length() - overview.length() - context.length() - SLACK_MARKUP_RESERVE;
        List<List<String>> kept = LineBudget.fit(List.of(new LineBudget.Section(problemLines),
                escaped(texts, SlackText::escape), escaped(notes(tally, RunNote.Channel.SLACK), SlackText::escape),
                new LineBudget.Section(storeTable(tally)), new LineBudget.Section(skipLines)),
                budget - LineBudget.cost(storeTableHeader()));

        List<Map<String, Object>> body = new ArrayList<>();
        body.add(section(overview.toString()));
        for (String chunk : TextSplitter.split(kept.get(0), SLACK_SECTION_LIMIT)) {
            body.add(section(chunk));
        }
        addTitled(body, "*문자 발송 내역*", kept.get(1));
        addTitled(body, "*요약 메모*", kept.get(2));
        List<String> rows = kept.get(3);
        boolean anyRow = rows.size() > 1 || (rows.size() == 1 && !rows.get(0).startsWith("…외 "));
        if (anyRow) {
            List<String> table = new ArrayList<>();
            table.add(storeTableHeader());
            table.addAll(rows);
            for (String chunk : TextSplitter.split(table, SLACK_SECTION_LIMIT - 8)) {
                body.add(section("```\n" + chunk + "\n```"));
            }
        } else if (!rows.isEmpty()) {
            body.add(section("매장별 표 " + rows.get(0)));
        }
        for (String chunk : TextSplitter.split(kept.get(4), SLACK_SECTION_LIMIT)) {
            body.add(section(chunk));
        }
        // Header and context are always there; the body gives way, with a note, when a run is enormous.
        int room = SLACK_MAX_BLOCKS - 2;
        if (body.size() > room) {
            body = new ArrayList<>(body.subList(0, room - 1));
            body.add(section("… (생략: 블록이 너무 많습니다)"));
        }
        List<Map<String, Object>> blocks = new ArrayList<>();
        blocks.add(Map.of("type", "header", "text", Map.of("type", "plain_text", "text", header)));
        blocks.addAll(body);
        blocks.add(Map.of("type", "context", "elements", List.of(Map.of("type", "mrkdwn", "text", context))));
        return Map.of("text", fallback, "blocks", blocks);
    }

    private static void addTitled(List<Map<String, Object>> body, String title, List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        List<String> titled = new ArrayList<>();
        titled.add(title);
        titled.addAll(lines);
        for (String chunk : TextSplitter.split(titled, SLACK_SECTION_LIMIT)) {
            body.add(section(chunk));
        }
    }

    /** One row per expected store, plus any store that reported without being announced (the header is added when rendered). */
    private List<String> storeTable(RunTally tally) {
        List<String> rows = new ArrayList<>();
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

    private static String storeTableHeader() {
        return String.format(Locale.ROOT, "%-12s %5s %5s %5s  %s", "매장", "예약", "계획", "건너뜀", "상태");
    }

    private static Map<String, Object> section(String markdown) {
        return Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", truncate(markdown, SLACK_SECTION_LIMIT)));
    }

    private static String kindBreakdown(Figures f) {
        List<String> parts = new ArrayList<>();
        f.sentByKind().forEach((k, v) -> {
            if (v > 0 || DEFAULT_RULES.contains(k)) {
                parts.add(f.labels().get(k) + " " + v);
            }
        });
        return String.join(" · ", parts);
    }

    /** The rule's name in the owners' words: as the planner labelled it, else the v2's names of the built-in rules. */
    static String label(String rule, Map<String, String> labels) {
        String recorded = labels.get(rule);
        if (recorded != null && !recorded.isBlank() && !recorded.equals(rule)) {
            return SafeText.of(recorded, 40);
        }
        return switch (rule) {
            case "CONFIRMATION" -> "예약확정";
            case "REMINDER" -> "상세안내";
            case "EVENT" -> "리뷰요청";
            case "CANCELLATION" -> "예약취소";
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

    /** {@code 화성점(1051707)}: problems name the store id too, for the operator. */
    private String storeName(String storeId) {
        return stores.find(storeId).map(StoreSettings::name).map(n -> n + "(" + storeId + ")")
                .orElse(SafeText.of(storeId, 40));
    }

    /** {@code 화성 새솔점}: the per-text lines name the branch as the owners do. */
    private String branch(String storeId) {
        return SafeText.of(stores.find(storeId).map(StoreSettings::name).orElse(storeId), 40);
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
