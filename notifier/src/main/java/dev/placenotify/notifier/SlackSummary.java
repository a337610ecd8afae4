package dev.placenotify.notifier;

import static dev.placenotify.notifier.SummaryComposer.SLACK_HEADER_LIMIT;
import static dev.placenotify.notifier.SummaryComposer.SLACK_MAX_BLOCKS;
import static dev.placenotify.notifier.SummaryComposer.SLACK_SECTION_LIMIT;
import static dev.placenotify.notifier.SummaryComposer.TOTAL_LIMIT;

import dev.placenotify.model.RunNote;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A summary as a Slack Block Kit payload: a header, the figures with the cost basis, then problems,
 * per-text lines, notes, a table of the stores and the skip reasons, in that order of priority within the
 * {@value SummaryComposer#TOTAL_LIMIT}-character total (Slack refuses longer messages even when every block
 * is small), each cut with "…외 N건"; sections of at most {@value SummaryComposer#SLACK_SECTION_LIMIT}
 * characters, at most {@value SummaryComposer#SLACK_MAX_BLOCKS} blocks.
 */
final class SlackSummary {
    /** Room kept for the Slack payload's own markup: code fences, headings and block separators. */
    private static final int SLACK_MARKUP_RESERVE = 400;

    private final SummaryLines names;
    private final NotifierConfig.SensPrices prices;

    SlackSummary(SummaryLines names, NotifierConfig.SensPrices prices) {
        this.names = names;
        this.prices = prices;
    }

    Map<String, Object> render(RunTally tally, SummaryComposer.Figures f, String headline, String sentLine, String balance,
                               String timing, List<SummaryComposer.Problem> problems, LineBudget.Section texts) {
        String fallback = SlackText.escape(headline + " — " + sentLine);
        String header = truncate(headline, SLACK_HEADER_LIMIT);
        StringBuilder overview = new StringBuilder("*" + SlackText.escape(sentLine) + "*\n" + SlackText.escape(balance) + "\n"
                + SlackText.escape(timing) + String.format(Locale.ROOT, " (SMS %.0f원, LMS %.0f원 기준)", prices.sms(), prices.lms()));
        if (f.replayed() > 0) {
            overview.append('\n').append(SlackText.escape(SummaryComposer.replayedLine(f.replayed())));
        }
        if (f.bookingsSkipped() > 0) {
            overview.append('\n').append("건너뛴 예약 ").append(f.bookingsSkipped()).append("건");
        }
        String context = "실행 " + SlackText.escape(tally.runId());
        List<String> problemLines = new ArrayList<>();
        List<String> skipLines = new ArrayList<>();
        for (SummaryComposer.Problem p : problems) {
            String text = SlackText.escape(p.text());
            if (p.detailOnly()) {
                skipLines.add(p.slackEmoji() + " " + text);
            } else {
                problemLines.add(p.slackEmoji() + " *" + text + "*");
            }
        }
        int budget = TOTAL_LIMIT - fallback.length() - header.length() - overview.length() - context.length() - SLACK_MARKUP_RESERVE;
        List<List<String>> kept = LineBudget.fit(List.of(new LineBudget.Section(problemLines),
                texts.escaped(SlackText::escape), names.notes(tally, RunNote.Channel.SLACK).escaped(SlackText::escape),
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
            rows.add(SlackText.escape(String.format(Locale.ROOT, "%-12s %5d %5d %5d  %s", truncate(names.storeName(id), 12), bookings,
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

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
