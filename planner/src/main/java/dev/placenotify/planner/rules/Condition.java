package dev.placenotify.planner.rules;

import dev.placenotify.model.BookingOption;
import dev.placenotify.model.FormAnswer;
import dev.placenotify.model.Messages;
import dev.placenotify.model.Required;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * One condition of a rule, a pure test on a booking's {@link BookingFacts}. Each also says how long a
 * text it allowed stays valid ({@link #validUntil}: a reminder makes no sense once the reservation
 * started) and whether it judges the booking's history ({@link #judgesHistory}): such a condition was
 * already judged when a message was planned, so a message recovered from a crashed planner is not
 * dropped because this cycle's history differs (it is the history that planner wrote).
 */
public sealed interface Condition {
    boolean holds(BookingFacts f);

    default Optional<Instant> validUntil(BookingFacts f) {
        return Optional.empty();
    }

    default boolean judgesHistory() {
        return false;
    }

    /** The booking was recorded in an earlier cycle (the v2's "booking in the table"). */
    record Seen(boolean value) implements Condition {
        public boolean holds(BookingFacts f) {
            return f.seen() == value;
        }

        public boolean judgesHistory() {
            return true;
        }
    }

    /** The reservation has not started ({@code true}) or has started ({@code false}); a start at "now" has started. */
    record StartAhead(boolean value) implements Condition {
        public boolean holds(BookingFacts f) {
            return f.start().isAfter(f.now()) == value;
        }

        public Optional<Instant> validUntil(BookingFacts f) {
            return value ? Optional.of(f.start()) : Optional.empty();
        }
    }

    /**
     * {@code start − N minutes ≤ now < start}: inclusive at exactly N minutes, as the v2 has it. A null
     * {@code minutes} means the store's {@code reminderLeadMinutes} ("storeLead").
     */
    record WithinMinutesBeforeStart(Integer minutes) implements Condition {
        public int minutesFor(BookingFacts f) {
            return minutes != null ? minutes : f.store().reminderLeadMinutes();
        }

        public boolean holds(BookingFacts f) {
            Instant from = f.start().minus(Duration.ofMinutes(minutesFor(f)));
            return !f.now().isBefore(from) && f.now().isBefore(f.start());
        }

        public Optional<Instant> validUntil(BookingFacts f) {
            return Optional.of(f.start());
        }
    }

    /** The cycle's hour of day in Asia/Seoul is one of these; a text it allows is valid until that hour ends. */
    record HourOfDay(Set<Integer> hours) implements Condition {
        public HourOfDay {
            hours = Set.copyOf(hours);
        }

        public boolean holds(BookingFacts f) {
            return hours.contains(f.nowKst().getHour());
        }

        public Optional<Instant> validUntil(BookingFacts f) {
            return Optional.of(f.nowKst().withMinute(0).withSecond(0).withNano(0).plusHours(1).toInstant());
        }
    }

    /** The reservation's date (KST) is (or is not) the cycle's date; valid until that day ends. */
    record BookingDateToday(boolean value) implements Condition {
        public boolean holds(BookingFacts f) {
            return f.reservationDate().equals(f.nowKst().toLocalDate()) == value;
        }

        public Optional<Instant> validUntil(BookingFacts f) {
            return value ? Optional.of(f.nowKst().toLocalDate().plusDays(1).atStartOfDay(Messages.KST).toInstant())
                    : Optional.empty();
        }
    }

    /** The reservation's date is within [from, to], both inclusive. */
    record DateRange(LocalDate from, LocalDate to) implements Condition {
        public DateRange {
            Required.field(from, "dateRange.from");
            Required.field(to, "dateRange.to");
            if (to.isBefore(from)) {
                throw new IllegalArgumentException("dateRange.to " + to + " is before dateRange.from " + from);
            }
        }

        public boolean holds(BookingFacts f) {
            LocalDate d = f.reservationDate();
            return !d.isBefore(from) && !d.isAfter(to);
        }
    }

    /** Naver's status code is one of these. */
    record StatusIn(Set<String> codes) implements Condition {
        public StatusIn {
            codes = Set.copyOf(codes);
        }

        public boolean holds(BookingFacts f) {
            return f.booking().status() != null && codes.contains(f.booking().status().strip().toUpperCase(Locale.ROOT));
        }
    }

    /** An option's name contains one of the keywords (anywhere in the name, case-insensitively). */
    record OptionNameContainsAny(List<String> keywords) implements Condition {
        public OptionNameContainsAny {
            keywords = List.copyOf(keywords);
        }

        public boolean holds(BookingFacts f) {
            return f.booking().options().stream().anyMatch(o -> keywords.stream().anyMatch(k -> contains(o.name(), k)));
        }
    }

    /** An option whose name contains {@code keyword} was booked at least {@code minCount} times. */
    record OptionWithCount(String keyword, int minCount) implements Condition {
        public boolean holds(BookingFacts f) {
            return f.booking().options().stream()
                    .anyMatch(o -> contains(o.name(), keyword) && count(o) >= minCount);
        }

        private static int count(BookingOption o) {
            return o.bookingCount() == null ? 1 : o.bookingCount();
        }
    }

    /** The booking belongs to one of these stores. */
    record StoreIn(Set<String> storeIds) implements Condition {
        public StoreIn {
            storeIds = Set.copyOf(storeIds);
        }

        public boolean holds(BookingFacts f) {
            return storeIds.contains(f.store().storeId());
        }
    }

    /** A form answer with this title equals (exactly, trimmed) or contains the given text. */
    record FormAnswerMatches(String title, String equalsValue, String containsValue) implements Condition {
        public boolean holds(BookingFacts f) {
            for (FormAnswer a : f.booking().formAnswers()) {
                if (!a.title().strip().equals(title.strip())) {
                    continue;
                }
                if (equalsValue != null ? a.value().strip().equals(equalsValue.strip()) : contains(a.value(), containsValue)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The reservation start differs from the one recorded in an earlier cycle (a booking never recorded was not moved). */
    record Rescheduled(boolean value) implements Condition {
        public boolean holds(BookingFacts f) {
            boolean moved = f.previousStart() != null && !f.previousStart().equals(f.start());
            return moved == value;
        }

        public boolean judgesHistory() {
            return true;
        }
    }

    /** A message of every one of these rules was planned for the booking in an earlier decision. */
    record Planned(List<String> ruleIds) implements Condition {
        public Planned {
            ruleIds = List.copyOf(ruleIds);
        }

        public boolean holds(BookingFacts f) {
            return ruleIds.stream().allMatch(f::plannedBefore);
        }

        public boolean judgesHistory() {
            return true;
        }
    }

    /** No message of any of these rules was planned for the booking yet (the v2's "flag not set"). */
    record NotPlanned(List<String> ruleIds) implements Condition {
        public NotPlanned {
            ruleIds = List.copyOf(ruleIds);
        }

        public boolean holds(BookingFacts f) {
            return ruleIds.stream().noneMatch(f::plannedBefore);
        }

        public boolean judgesHistory() {
            return true;
        }
    }

    /** At least one group holds, each group being all of its conditions. */
    record AnyOf(List<List<Condition>> groups) implements Condition {
        public AnyOf {
            groups = groups.stream().map(List::copyOf).toList();
        }

        public boolean holds(BookingFacts f) {
            return groups.stream().anyMatch(g -> g.stream().allMatch(c -> c.holds(f)));
        }

        /** For a recovered message: a group holds when its conditions about this cycle hold. */
        public boolean holdsIgnoringHistory(BookingFacts f) {
            return groups.stream().anyMatch(g -> g.stream().allMatch(c -> c.judgesHistory()
                    || (c instanceof AnyOf a ? a.holdsIgnoringHistory(f) : c.holds(f))));
        }
    }

    private static boolean contains(String text, String keyword) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(keyword.toLowerCase(Locale.ROOT));
    }
}
