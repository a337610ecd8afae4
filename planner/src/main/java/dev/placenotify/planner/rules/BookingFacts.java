package dev.placenotify.planner.rules;

import dev.placenotify.model.Booking;
import dev.placenotify.model.Messages;
import dev.placenotify.model.StoreSettings;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Set;

/**
 * What a rule may look at for one booking in one cycle. {@code now} is the cycle's scheduled time;
 * every calendar question is asked in Asia/Seoul. {@code seen}, {@code previousStart} and
 * {@code plannedBefore} come from the state earlier cycles left: whether the booking was recorded
 * before this cycle, the start time recorded then, and the keys planned in earlier decisions.
 */
public record BookingFacts(Instant now, StoreSettings store, Booking booking, boolean seen, Instant previousStart,
                           Set<String> plannedBefore) {

    public BookingFacts {
        plannedBefore = Set.copyOf(plannedBefore);
    }

    public ZonedDateTime nowKst() {
        return now.atZone(Messages.KST);
    }

    public Instant start() {
        return booking.startAt();
    }

    /** The reservation's day in KST: Naver's {@code startDate}, else the start time's KST date. */
    public LocalDate reservationDate() {
        return reservationDate(booking);
    }

    public static LocalDate reservationDate(Booking b) {
        return b.startDate() != null ? b.startDate() : b.startAt().atZone(Messages.KST).toLocalDate();
    }

    /** Whether a message of {@code ruleId} (any scope) was planned for this booking in an earlier decision. */
    public boolean plannedBefore(String ruleId) {
        String base = RuleKeys.base(store.storeId(), booking.bookingId()) + ruleId;
        return plannedBefore.stream().anyMatch(k -> k.equals(base) || k.startsWith(base + ":"));
    }
}
