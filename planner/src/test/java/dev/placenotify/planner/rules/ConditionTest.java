package dev.placenotify.planner.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.placenotify.model.Booking;
import dev.placenotify.model.BookingOption;
import dev.placenotify.model.FormAnswer;
import dev.placenotify.model.Messages;
import dev.placenotify.model.StoreSettings;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Each condition on its own, at its edges. */
class ConditionTest {
    static final Instant START = kst("2025-10-22T15:30");
    static final StoreSettings STORE = new StoreSettings("1051707", "화성 새솔점", null, "0311234567", null, 60, Map.of(),
            Map.of(), null, null);

    static Instant kst(String local) {
        return LocalDateTime.parse(local).atZone(Messages.KST).toInstant();
    }

    static Booking booking(String status, Instant start, LocalDate startDate, List<BookingOption> options,
                           List<FormAnswer> answers) {
        return new Booking("5011", "1051707", "촬영", status, "김민수", "010-1234-5678", 2, null, startDate, start,
                start.plusSeconds(7200), options, answers, false);
    }

    static BookingFacts at(Instant now) {
        return at(now, booking("RC03", START, null, List.of(), List.of()));
    }

    static BookingFacts at(Instant now, Booking b) {
        return new BookingFacts(now, STORE, b, false, null, Set.of());
    }

    @Nested
    class Time {
        @Test
        void withinMinutesBeforeStartIncludesExactlyNMinutesAndEndsAtTheStart() {
            Condition c = new Condition.WithinMinutesBeforeStart(120);
            assertThat(c.holds(at(START.minus(Duration.ofMinutes(120))))).isTrue();
            assertThat(c.holds(at(START.minus(Duration.ofMinutes(120)).minusSeconds(1)))).isFalse();
            assertThat(c.holds(at(START.minusSeconds(1)))).isTrue();
            assertThat(c.holds(at(START))).isFalse();
            assertThat(c.validUntil(at(START.minusSeconds(60)))).contains(START);
        }

        @Test
        void storeLeadUsesTheStoresReminderLead() {
            Condition c = new Condition.WithinMinutesBeforeStart(null);
            assertThat(c.holds(at(START.minus(Duration.ofMinutes(60))))).isTrue();
            assertThat(c.holds(at(START.minus(Duration.ofMinutes(61))))).isFalse();
        }

        @Test
        void startAheadCountsAStartAtNowAsStarted() {
            assertThat(new Condition.StartAhead(true).holds(at(START.minusNanos(1)))).isTrue();
            assertThat(new Condition.StartAhead(true).holds(at(START))).isFalse();
            assertThat(new Condition.StartAhead(false).holds(at(START))).isTrue();
            assertThat(new Condition.StartAhead(true).validUntil(at(START.minusSeconds(1)))).contains(START);
            assertThat(new Condition.StartAhead(false).validUntil(at(START))).isEmpty();
        }

        @Test
        void hourOfDayIsAskedInSeoulAndValidUntilTheHourEnds() {
            Condition c = new Condition.HourOfDay(Set.of(20));
            assertThat(c.holds(at(kst("2025-10-22T20:00:00")))).isTrue();
            assertThat(c.holds(at(kst("2025-10-22T20:59:59")))).isTrue();
            assertThat(c.holds(at(kst("2025-10-22T21:00:00")))).isFalse();
            assertThat(c.holds(at(kst("2025-10-22T19:59:59")))).isFalse();
            assertThat(c.holds(at(Instant.parse("2025-10-22T20:30:00Z")))).as("20:30 UTC is 05:30 in Seoul").isFalse();
            assertThat(c.validUntil(at(kst("2025-10-22T20:40:12")))).contains(kst("2025-10-22T21:00"));
            assertThat(new Condition.HourOfDay(Set.of(23, 0)).holds(at(kst("2025-10-23T00:10")))).isTrue();
        }

        @Test
        void bookingDateTodayFollowsNaversStartDateElseTheKstDateOfTheStart() {
            Condition today = new Condition.BookingDateToday(true);
            Instant evening = kst("2025-10-22T20:00");
            assertThat(today.holds(at(evening, booking("RC08", kst("2025-10-22T23:59"), null, List.of(), List.of())))).isTrue();
            assertThat(today.holds(at(evening, booking("RC08", kst("2025-10-23T00:00"), null, List.of(), List.of()))))
                    .as("just after midnight is tomorrow").isFalse();
            assertThat(today.holds(at(evening, booking("RC08", kst("2025-10-21T23:30"), LocalDate.parse("2025-10-22"), List.of(),
                    List.of())))).as("Naver's startDate wins").isTrue();
            assertThat(new Condition.BookingDateToday(false).holds(at(evening))).isFalse();
            assertThat(today.validUntil(at(evening))).contains(kst("2025-10-23T00:00"));
        }

        @Test
        void dateRangeIsInclusiveAtBothEnds() {
            Condition c = new Condition.DateRange(LocalDate.parse("2025-10-22"), LocalDate.parse("2025-10-24"));
            for (String day : List.of("2025-10-22T10:00", "2025-10-24T23:59")) {
                assertThat(c.holds(at(kst("2025-10-01T10:00"), booking("RC03", kst(day), null, List.of(), List.of())))).isTrue();
            }
            for (String day : List.of("2025-10-21T23:59", "2025-10-25T00:00")) {
                assertThat(c.holds(at(kst("2025-10-01T10:00"), booking("RC03", kst(day), null, List.of(), List.of())))).isFalse();
            }
        }
    }

    @Nested
    class TheBooking {
        @Test
        void statusInASet() {
            assertThat(new Condition.StatusIn(Set.of("RC08", "RC03")).holds(at(START.minusSeconds(1)))).isTrue();
            assertThat(new Condition.StatusIn(Set.of("RC04")).holds(at(START.minusSeconds(1)))).isFalse();
            Booking lower = booking(" rc04 ", START, null, List.of(), List.of());
            assertThat(new Condition.StatusIn(Set.of("RC04")).holds(at(START, lower))).isTrue();
        }

        @Test
        void optionKeywordAnywhereInTheNameIgnoringCase() {
            Condition c = new Condition.OptionNameContainsAny(List.of("네이버", "insta"));
            List<String> match = List.of("네이버리뷰", "110분 촬영(네이버 리뷰 이벤트)", "리뷰_네이버", "INSTA 업로드");
            for (String name : match) {
                assertThat(c.holds(at(START, booking("RC08", START, null, List.of(new BookingOption("1", name, 1)), List.of()))))
                        .as(name).isTrue();
            }
            assertThat(c.holds(at(START, booking("RC08", START, null, List.of(new BookingOption("1", "네 이버", 1)), List.of()))))
                    .isFalse();
            assertThat(c.holds(at(START))).as("no options").isFalse();
        }

        @Test
        void optionWithCountNeedsTheKeywordAndTheCountOnTheSameOption() {
            Condition c = new Condition.OptionWithCount("전문가 보정", 2);
            assertThat(c.holds(at(START, booking("RC03", START, null, List.of(new BookingOption("1", "전문가 보정 추가", 2)),
                    List.of())))).isTrue();
            assertThat(c.holds(at(START, booking("RC03", START, null, List.of(new BookingOption("1", "전문가 보정 추가", 1)),
                    List.of())))).isFalse();
            assertThat(c.holds(at(START, booking("RC03", START, null, List.of(new BookingOption("1", "전문가 보정", 1),
                    new BookingOption("2", "인화 추가", 5)), List.of())))).as("count of another option").isFalse();
            assertThat(new Condition.OptionWithCount("보정", 1).holds(at(START, booking("RC03", START, null,
                    List.of(new BookingOption("1", "보정", null)), List.of())))).as("no count is one").isTrue();
        }

        @Test
        void storeInASet() {
            assertThat(new Condition.StoreIn(Set.of("1051707", "951291")).holds(at(START))).isTrue();
            assertThat(new Condition.StoreIn(Set.of("951291")).holds(at(START))).isFalse();
        }

        @Test
        void formAnswerEqualsOrContainsUnderItsTitle() {
            Booking b = booking("RC03", START, null, List.of(), List.of(new FormAnswer("리뷰 이벤트", " 네~ :) "),
                    new FormAnswer("요청사항", "없음")));
            assertThat(new Condition.FormAnswerMatches("리뷰 이벤트", "네~ :)", null).holds(at(START, b))).isTrue();
            assertThat(new Condition.FormAnswerMatches("리뷰 이벤트", null, "네").holds(at(START, b))).isTrue();
            assertThat(new Condition.FormAnswerMatches("리뷰 이벤트", "네", null).holds(at(START, b))).isFalse();
            assertThat(new Condition.FormAnswerMatches("요청사항", null, "네").holds(at(START, b))).isFalse();
        }
    }

    @Nested
    class History {
        final Booking b = booking("RC03", START, null, List.of(), List.of());

        @Test
        void seenAndRescheduledJudgeWhatEarlierCyclesRecorded() {
            assertThat(new Condition.Seen(true).holds(new BookingFacts(START, STORE, b, true, START, Set.of()))).isTrue();
            assertThat(new Condition.Seen(false).holds(new BookingFacts(START, STORE, b, true, START, Set.of()))).isFalse();
            assertThat(new Condition.Rescheduled(true).holds(new BookingFacts(START, STORE, b, true, START.plusSeconds(3600),
                    Set.of()))).isTrue();
            assertThat(new Condition.Rescheduled(true).holds(new BookingFacts(START, STORE, b, true, START, Set.of()))).isFalse();
            assertThat(new Condition.Rescheduled(true).holds(new BookingFacts(START, STORE, b, false, null, Set.of())))
                    .as("never recorded: not moved").isFalse();
            assertThat(new Condition.Seen(true).judgesHistory()).isTrue();
            assertThat(new Condition.HourOfDay(Set.of(20)).judgesHistory()).isFalse();
        }

        @Test
        void plannedMatchesAnyScopeOfTheRuleButNotAnotherRuleSharingItsPrefix() {
            BookingFacts f = new BookingFacts(START, STORE, b, true, START, Set.of("1051707:5011:REMINDER:1761114600",
                    "1051707:5011:CONFIRMATION_SYNC"));
            assertThat(new Condition.Planned(List.of("REMINDER")).holds(f)).isTrue();
            assertThat(new Condition.NotPlanned(List.of("REMINDER")).holds(f)).isFalse();
            assertThat(new Condition.Planned(List.of("CONFIRMATION")).holds(f)).isFalse();
            assertThat(new Condition.Planned(List.of("REMINDER", "CONFIRMATION")).holds(f)).as("all of them").isFalse();
            assertThat(new Condition.NotPlanned(List.of("EVENT", "CONFIRMATION")).holds(f)).isTrue();
        }

        @Test
        void anyOfHoldsWhenOneGroupHoldsEntirely() {
            Condition any = new Condition.AnyOf(List.of(List.of(new Condition.Seen(false)),
                    List.of(new Condition.Seen(true), new Condition.WithinMinutesBeforeStart(120))));
            assertThat(any.holds(new BookingFacts(START.minusSeconds(3 * 3600), STORE, b, false, null, Set.of()))).isTrue();
            assertThat(any.holds(new BookingFacts(START.minusSeconds(3 * 3600), STORE, b, true, START, Set.of()))).isFalse();
            assertThat(any.holds(new BookingFacts(START.minusSeconds(3600), STORE, b, true, START, Set.of()))).isTrue();
            assertThat(((Condition.AnyOf) any).holdsIgnoringHistory(new BookingFacts(START.minusSeconds(3 * 3600), STORE, b, true,
                    START, Set.of()))).as("history already judged").isTrue();
        }
    }
}
