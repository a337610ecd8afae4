package dev.placenotify.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.placenotify.model.FetchMode;
import dev.placenotify.model.MessageCodec;
import dev.placenotify.model.OutcomeStatus;
import dev.placenotify.model.SmsType;
import dev.placenotify.model.StoreCatalog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Whatever a tally holds, the rendered summary's totals equal the sum of their rendered parts, on both
 * channels, and every Telegram part is valid HTML within 4096 characters, every Slack section within
 * 3000 and the payload within 50 blocks; each channel's post stays within the documented total, and
 * every per-text line is either shown or counted in a "…외 N건".
 */
class SummaryComposerPropertiesTest {
    private static final List<String> KINDS = List.of("CONFIRMATION", "RESCHEDULE", "REMINDER", "EVENT", "CANCELLATION");
    private static final SummaryComposer COMPOSER = new SummaryComposer(StoreCatalog.load(Optional.empty()),
            new NotifierConfig.SensPrices(9, 30));
    private static final Pattern SENT = Pattern.compile("SMS 발송 (\\d+)건: (.*)");
    private static final Pattern BALANCE = Pattern.compile(
            "계획 (\\d+)(?: \\+ 계획 외 (\\d+))? = 발송 (\\d+) \\+ 실패 (\\d+) \\+ 건너뜀 (\\d+) \\+ 불명 (\\d+)(?: \\+ 만료 (\\d+))?(?: \\+ 미처리 (\\d+))?");
    private static final Pattern PHONE = Pattern.compile("01[016789]-?\\d{3,4}-?\\d{4}");
    private static final List<String> LABELS = List.of("예약확정", "상세안내", "리뷰요청");
    private static final Pattern TEXT_LINE = Pattern.compile("^(↩️ )?([❌❓⌛] )?(예약확정|상세안내|리뷰요청) .*", Pattern.MULTILINE);
    private static final Pattern MORE = Pattern.compile("…외 (\\d+)건");

    @Property(tries = 120)
    void renderedTotalsEqualTheSumOfTheirParts(@ForAll("tallies") RunTally tally, @ForAll boolean complete,
                                               @ForAll("late") Map<String, OutcomeCounts> late) {
        SummaryComposer.Figures f = COMPOSER.figures(tally, late);
        assertThat(f.sentByKind().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(f.sent());
        assertThat(f.planned() + f.unplanned()).isEqualTo(f.sent() + f.failed() + f.skipped() + f.unknown() + f.expired() + f.pending());

        RunSummary s = COMPOSER.compose(tally, complete, late, Duration.ofSeconds(61), List.of());
        StringBuilder visible = new StringBuilder();
        for (String part : s.telegramParts()) {
            assertThat(part.length()).isLessThanOrEqualTo(SummaryComposer.TELEGRAM_LIMIT);
            visible.append(TelegramHtmlCheck.visibleText(part)).append('\n');
        }
        checkArithmetic(visible.toString(), f);
        assertThat(s.telegramParts().stream().mapToInt(String::length).sum()).isLessThanOrEqualTo(SummaryComposer.TOTAL_LIMIT);
        int lines = tally.outcomes().lines().size() + tally.outcomes().linesOmitted()
                + late.values().stream().mapToInt(c -> c.lines().size() + c.linesOmitted()).sum();
        boolean cut = checkEveryLineShownOrCounted(visible.toString(), lines);
        Statistics.label("telegram cut").collect(cut);

        JsonNode slack = MessageCodec.mapper().valueToTree(s.slackPayload());
        assertThat(slack.get("blocks").size()).isLessThanOrEqualTo(SummaryComposer.SLACK_MAX_BLOCKS);
        StringBuilder slackText = new StringBuilder();
        for (JsonNode block : slack.get("blocks")) {
            String text = block.path("text").path("text").asText("");
            if (block.path("type").asText().equals("section")) {
                assertThat(text.length()).isLessThanOrEqualTo(SummaryComposer.SLACK_SECTION_LIMIT);
            } else if (block.path("type").asText().equals("header")) {
                assertThat(text.length()).isLessThanOrEqualTo(SummaryComposer.SLACK_HEADER_LIMIT);
            }
            assertThat(text).doesNotContain("<!");
            slackText.append(text).append('\n');
        }
        checkArithmetic(slackText.toString().replace("*", "").replace("&amp;", "&"), f);
        Statistics.label("telegram cut").coverage(c -> {
            c.check(true).count(n -> n > 0);
            c.check(false).count(n -> n > 0);
        });
        assertThat(Tallies.slackTotal(slack)).isLessThanOrEqualTo(SummaryComposer.TOTAL_LIMIT);
        checkEveryLineShownOrCounted(slackText.toString(), lines);
        assertThat(PHONE.matcher(visible).find()).as("no phone number in the summary").isFalse();
        assertThat(PHONE.matcher(slackText).find()).isFalse();
    }

    /** Shown lines never exceed the texts; without any "…외 N건" all are shown; with cuts, shown + cut cover them all. */
    private static boolean checkEveryLineShownOrCounted(String text, int lines) {
        Matcher shownLines = TEXT_LINE.matcher(text);
        int shown = 0;
        while (shownLines.find()) {
            shown++;
        }
        Matcher more = MORE.matcher(text);
        int cut = 0;
        while (more.find()) {
            cut += Integer.parseInt(more.group(1));
        }
        assertThat(shown).isLessThanOrEqualTo(lines);
        if (cut == 0) {
            assertThat(shown).as("nothing cut: every text has its line").isEqualTo(lines);
        } else {
            assertThat(shown + cut).as("shown or counted").isGreaterThanOrEqualTo(lines);
        }
        return cut > 0;
    }

    private static void checkArithmetic(String text, SummaryComposer.Figures f) {
        Matcher sent = SENT.matcher(text);
        assertThat(sent.find()).as(text).isTrue();
        int total = Integer.parseInt(sent.group(1));
        int parts = 0;
        for (String item : sent.group(2).split(" · ")) {
            parts += Integer.parseInt(item.substring(item.lastIndexOf(' ') + 1));
        }
        assertThat(parts).as("sent by kind adds up: " + sent.group()).isEqualTo(total);
        assertThat(total).isEqualTo(f.sent());

        Matcher balance = BALANCE.matcher(text);
        assertThat(balance.find()).as(text).isTrue();
        int left = Integer.parseInt(balance.group(1)) + (balance.group(2) == null ? 0 : Integer.parseInt(balance.group(2)));
        int right = 0;
        for (int g = 3; g <= 8; g++) {
            right += balance.group(g) == null ? 0 : Integer.parseInt(balance.group(g));
        }
        assertThat(left).as("balance adds up: " + balance.group()).isEqualTo(right);
        assertThat(Integer.parseInt(balance.group(3))).as("the same sent total on both lines").isEqualTo(total);
    }

    @Provide
    Arbitrary<RunTally> tallies() {
        Arbitrary<String> ids = Arbitraries.oneOf(
                Arbitraries.of("1051707", "951291", "1120125", "1285716", "1462519", "1473826", "1466783", "867589"),
                Arbitraries.strings().withChars("0123456789abc<>&\"'점 ").ofMinLength(1).ofMaxLength(40));
        Arbitrary<List<String>> storeIds = ids.list().ofMaxSize(40).uniqueElements();
        return storeIds.flatMap(list -> Combinators.combine(
                stores(list), Arbitraries.of(true, false), outcomeCounts(), Arbitraries.integers().between(0, list.size()))
                .as((stores, announced, outcomes, extra) -> {
                    List<String> announcedStores = new ArrayList<>(list.subList(0, extra));
                    announcedStores.add("9999999");
                    return new RunTally("c20251022T1400", Tallies.CYCLE, FetchMode.NORMAL, announced, announcedStores,
                            stores, outcomes, RunTally.Status.OPEN, Tallies.CYCLE, Tallies.CYCLE.plusSeconds(600));
                }));
    }

    private Arbitrary<Map<String, StoreTally>> stores(List<String> ids) {
        Arbitrary<StoreTally> one = Combinators.combine(
                Arbitraries.of(true, false),
                reason().injectNull(0.7),
                Arbitraries.integers().between(1, 4),
                Arbitraries.integers().between(0, 60).list().ofSize(KINDS.size()),
                Arbitraries.integers().between(0, 40),
                reason().list().ofMaxSize(6)).as((fetched, failure, chunks, planned, skipped, reasons) -> {
                    Map<String, Integer> byKind = new java.util.TreeMap<>();
                    for (String k : KINDS) {
                        byKind.put(k, planned.get(KINDS.indexOf(k)));
                    }
                    Set<Integer> done = new HashSet<>();
                    for (int i = 0; i < chunks && fetched; i += 2) {
                        done.add(i);
                    }
                    return new StoreTally("x", fetched, failure, chunks, done, Map.of("RC03", skipped * 2, "RC08", planned.get(0)),
                            byKind, skipped, reasons);
                });
        return one.list().ofSize(ids.size()).map(tallies -> {
            Map<String, StoreTally> out = new TreeMap<>();
            for (int i = 0; i < ids.size(); i++) {
                StoreTally t = tallies.get(i);
                out.put(ids.get(i), new StoreTally(ids.get(i), t.fetched(), t.failedReason(), t.chunkCount(), t.plannedChunks(),
                        t.bookingsByStatus(), t.plannedByKind(), t.skippedCount(), t.skipReasons()));
            }
            return out;
        });
    }

    /** Reasons as other stages write them: markup, ampersands, (masked and unmasked) phone numbers, long text. */
    private static Arbitrary<String> reason() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("abc <>&\";점-0123456789").ofMaxLength(300),
                Arbitraries.of("phone 010-****-5678 is a landline number, not a mobile", "unreadable booking from Naver: <html>",
                        "customer 010-9876-5432 & friend 01055557777", "+82 10-1234-5678 abroad"));
    }

    private static Arbitrary<TextLine> textLine() {
        return Combinators.combine(Arbitraries.of(OutcomeStatus.SENT, OutcomeStatus.FAILED, OutcomeStatus.UNKNOWN, OutcomeStatus.EXPIRED),
                Arbitraries.integers().between(0, 2), Arbitraries.of("1051707", "951291", "x<&>"),
                Arbitraries.of("김*수", "이*", "<b>", null), Arbitraries.strings().numeric().ofLength(4).injectNull(0.1))
                .as((status, k, store, customer, last4) -> new TextLine(status, List.of("CONFIRMATION", "REMINDER", "EVENT").get(k), LABELS.get(k), store, customer, last4));
    }

    private static Arbitrary<OutcomeCounts> outcomeCounts() {
        return Combinators.combine(
                Arbitraries.integers().between(0, 80).list().ofSize(OutcomeStatus.values().length * KINDS.size()),
                Arbitraries.integers().between(0, 50), textLine().list().ofMaxSize(500), Arbitraries.integers().between(0, 3))
                .as((counts, replayed, lines, omitted) -> {
                    OutcomeCounts c = OutcomeCounts.empty();
                    int i = 0;
                    for (OutcomeStatus s : OutcomeStatus.values()) {
                        for (String k : KINDS) {
                            int n = counts.get(i++);
                            if (n > 0) {
                                c.byStatusAndKind().computeIfAbsent(s, x -> new java.util.TreeMap<>()).put(k, n);
                            }
                        }
                    }
                    c.sentByType().put(SmsType.SMS, c.count(OutcomeStatus.SENT) / 2);
                    c.sentByType().put(SmsType.LMS, c.count(OutcomeStatus.SENT) / 3);
                    return c.withReplayed(Math.min(replayed, c.total())).withLines(lines, omitted);
                });
    }

    @Provide
    Arbitrary<Map<String, OutcomeCounts>> late() {
        return Arbitraries.maps(Arbitraries.of("c20251022T1320", "c20251022T1340", "b-manual"), outcomeCounts()).ofMaxSize(2);
    }

}
