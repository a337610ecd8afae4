package dev.placenotify.operator.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.placenotify.model.Booking;
import dev.placenotify.model.ContentType;
import dev.placenotify.model.SkippedItem;
import dev.placenotify.model.SmsType;
import dev.placenotify.model.StoreCatalog;
import dev.placenotify.model.StoreSettings;
import dev.placenotify.operator.rules.PreviewReport.TextLine;
import dev.placenotify.planner.core.BookingState;
import dev.placenotify.planner.rules.RuleSet;
import dev.placenotify.planner.rules.RuleSetParser;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The preview's pure core: the planner's own decision, regrouped per rule, names masked, nothing else. */
class PreviewTest {
    private static final StoreCatalog STORES = StoreCatalog.load(Optional.empty());
    private static final StoreSettings SAESOL = STORES.require("1051707");
    private static final Instant AT = Instant.parse("2025-10-22T05:00:00Z"); // 14:00 KST
    private static final RuleSet DEFAULTS = RuleSetParser.defaults();

    @Test
    void aNewBookingInsideTheLeadGetsConfirmationThenReminderAKnownOneOnlyTheReminder() {
        Booking fresh = booking("5011", "RC03", "김민수", "010-1234-5678", AT.plus(Duration.ofMinutes(90)));
        Booking known = booking("5012", "RC03", "이서연", "010-2222-3333", AT.plus(Duration.ofMinutes(100)));
        Booking later = booking("5013", "RC03", "박지훈", "010-4444-5555", AT.plus(Duration.ofHours(5)));
        BookingState knownState = new BookingState("5012", "RC03", known.startAt(), Set.of("1051707:5012:CONFIRMATION"),
                Set.of(), 1, known.startAt().plus(Duration.ofDays(30)), AT.minus(Duration.ofDays(1)), null);
        BookingState laterState = new BookingState("5013", "RC03", later.startAt(), Set.of("1051707:5013:CONFIRMATION"),
                Set.of(), 1, later.startAt().plus(Duration.ofDays(30)), AT.minus(Duration.ofDays(1)), null);

        PreviewReport report = Preview.run(AT, DEFAULTS, List.of(new Preview.StoreBookings(SAESOL,
                List.of(fresh, known, later), List.of(), Map.of("5012", knownState, "5013", laterState))));

        assertThat(report.rules()).extracting(PreviewReport.RuleResult::id).containsExactly("CONFIRMATION", "REMINDER", "EVENT");
        assertThat(report.rules().get(0).texts()).extracting(TextLine::key).containsExactly("1051707:5011:CONFIRMATION");
        assertThat(report.rules().get(1).texts()).extracting(TextLine::key).containsExactly(
                "1051707:5011:REMINDER:" + fresh.startAt().getEpochSecond(),
                "1051707:5012:REMINDER:" + known.startAt().getEpochSecond());
        assertThat(report.rules().get(2).texts()).isEmpty();
        TextLine reminder = report.rules().get(1).texts().get(0);
        assertThat(reminder.afterKey()).isEqualTo("1051707:5011:CONFIRMATION");
        assertThat(reminder.storeName()).isEqualTo("화성 새솔점");
        assertThat(reminder.customer()).isEqualTo("김*수");
        assertThat(reminder.last4()).isEqualTo("5678");
        assertThat(reminder.type()).isEqualTo(SmsType.LMS);
        assertThat(reminder.contentType()).isEqualTo(ContentType.COMM);
        assertThat(reminder.notAfter()).isEqualTo(fresh.startAt());
        assertThat(reminder.text()).contains("김*수님").doesNotContain("김민수").doesNotContain("01012345678");
        assertThat(report.skipped()).isEmpty();
    }

    @Test
    void unsendableNumbersAndNaversUnreadableEntriesAreSkipsWithTheirReason() {
        Booking landline = booking("5021", "RC03", "최유진", "031-123-4567", AT.plus(Duration.ofHours(3)));
        PreviewReport report = Preview.run(AT, DEFAULTS, List.of(new Preview.StoreBookings(SAESOL, List.of(landline),
                List.of(new SkippedItem("5099", "unreadable booking from Naver: startDate is not a date")), Map.of())));

        assertThat(report.texts()).isEmpty();
        assertThat(report.skipped()).extracting(PreviewReport.SkipLine::bookingId).containsExactly("5099", "5021");
        assertThat(report.skipped().get(1).reason()).startsWith("CONFIRMATION not sent:").doesNotContain("123-4567");
    }

    @Test
    void comparingShowsTheTextsOnlyOneRuleSetWouldSend() {
        String original = "  - id: REMINDER\n    label: 상세안내\n";
        assertThat(DEFAULTS_TEXT).contains(original);
        RuleSet noReminder = RuleSetParser.parse(DEFAULTS_TEXT.replace(original,
                "  - id: REMINDER\n    enabled: false\n    label: 상세안내\n"), "no-reminder.yaml");
        Booking fresh = booking("5011", "RC03", "김민수", "010-1234-5678", AT.plus(Duration.ofMinutes(90)));
        List<Preview.StoreBookings> in = List.of(new Preview.StoreBookings(SAESOL, List.of(fresh), List.of(), Map.of()));

        PreviewComparison c = PreviewComparison.of(Preview.run(AT, noReminder, in), Preview.run(AT, DEFAULTS, in));

        assertThat(c.onlyThis()).isEmpty();
        assertThat(c.onlyOther()).extracting(TextLine::rule).containsExactly("REMINDER");
        assertThat(c.reworded()).isEmpty();
        assertThat(c.same()).isFalse();
        assertThat(PreviewComparison.of(Preview.run(AT, DEFAULTS, in), Preview.run(AT, DEFAULTS, in)).same()).isTrue();
    }

    @Test
    void aNoteRuleAddsASummaryLinePerBookingWithTheNameMasked() throws java.io.IOException {
        String examples = java.nio.file.Files.readString(java.nio.file.Path.of("../rules/examples.yaml"));
        String off = "one line per booking of the day.\n    enabled: false\n";
        assertThat(examples).contains(off);
        RuleSet rules = RuleSetParser.parse(examples.replace(off, off.replace("false", "true")), "daily.yaml");
        Instant tenPm = Instant.parse("2025-10-22T13:00:00Z");
        Booking today = booking("5041", "RC08", "김민수", "010-1234-5678", Instant.parse("2025-10-22T06:30:00Z"));
        Booking tomorrow = booking("5042", "RC03", "이서연", "010-2222-3333", Instant.parse("2025-10-23T06:30:00Z"));
        BookingState seen = new BookingState("5042", "RC03", tomorrow.startAt(), Set.of("1051707:5042:CONFIRMATION"), Set.of(),
                1, tomorrow.startAt().plus(Duration.ofDays(30)), tenPm.minus(Duration.ofDays(1)), null);

        PreviewReport report = Preview.run(tenPm, rules, List.of(new Preview.StoreBookings(SAESOL, List.of(today, tomorrow),
                List.of(), Map.of("5042", seen))));

        PreviewReport.RuleResult list = report.rules().stream().filter(r -> r.id().equals("DAILY_LIST")).findFirst().orElseThrow();
        assertThat(list.sends()).isFalse();
        assertThat(list.addsNotes()).isTrue();
        assertThat(list.notes()).singleElement().satisfies(n -> {
            assertThat(n.bookingId()).isEqualTo("5041");
            assertThat(n.key()).isEqualTo("1051707:5041:DAILY_LIST:2025-10-22");
            assertThat(n.customer()).isEqualTo("김*수");
            assertThat(n.text()).isEqualTo("화성 새솔점 15:30 김*수 셀프촬영 110분");
            assertThat(n.channels()).containsExactly(dev.placenotify.model.RunNote.Channel.SLACK);
        });
        assertThat(report.texts()).isEmpty();
    }

    @Test
    void replayedTicksLeaveTheStateAScheduledPipelineWould() {
        Booking b = booking("5031", "RC03", "김민수", "010-1234-5678", AT.plus(Duration.ofMinutes(90)));
        Instant dayBefore = AT.minus(Duration.ofDays(1));

        var states = Preview.replay(DEFAULTS, List.of(new Preview.PastSnapshot(dayBefore, SAESOL, List.of(b))));
        PreviewReport report = Preview.run(AT, DEFAULTS, List.of(new Preview.StoreBookings(SAESOL, List.of(b), List.of(),
                states.get("1051707"))));

        assertThat(states.get("1051707").get("5031").plannedKeys()).containsExactly("1051707:5031:CONFIRMATION");
        assertThat(states.get("1051707").get("5031").pendingKeys()).isEmpty();
        assertThat(report.texts()).extracting(TextLine::rule).containsExactly("REMINDER");
    }

    @Test
    void textMaskHidesTheNameAsWrittenAndAsSanitisedAndThePhone() {
        Booking b = booking("1", "RC03", " 김민수🎉 ", "010-1234-5678", AT);
        assertThat(TextMask.mask("김민수🎉님 김민수님 010-1234-5678 01012345678", b))
                .isEqualTo("김**🎉님 김*수님 010-****-5678 010-****-5678");
        Booking oneLetter = booking("2", "RC03", "김", "010-1234-5678", AT);
        assertThat(TextMask.mask("김 고객님", oneLetter)).isEqualTo("김 고객님");
    }

    static Booking booking(String id, String status, String name, String phone, Instant start) {
        return new Booking(id, "1051707", "셀프촬영 110분", status, name, phone, 2, AT.minus(Duration.ofDays(3)),
                LocalDate.ofInstant(start, dev.placenotify.model.Messages.KST), start, start.plus(Duration.ofMinutes(110)));
    }

    private static final String DEFAULTS_TEXT = read();

    private static String read() {
        try (var in = RuleSetParser.class.getResourceAsStream(RuleSetParser.DEFAULT_RESOURCE)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
