package dev.placenotify.planner;

import dev.placenotify.planner.core.BookingState;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * A booking's state as read, with when its pending keys were written. Pending keys younger than the
 * lease belong to a planner that may still be enqueueing them (a concurrent winner), not to one that
 * crashed: they count as planned, not as jobs to emit again.
 */
public record StoredBooking(BookingState state, Instant pendingAt) {

    public static StoredBooking unseen(String bookingId) {
        return new StoredBooking(BookingState.unseen(bookingId), null);
    }

    /** Pending keys another planner is still expected to enqueue itself. */
    public Set<String> inFlightKeys(Instant now, Duration lease) {
        if (state.pendingKeys().isEmpty() || pendingAt == null || !now.isBefore(pendingAt.plus(lease))) {
            return Set.of();
        }
        return state.pendingKeys();
    }

    /** The state the pure planner should see: in-flight keys are planned, not pending. */
    public BookingState forDecision(Instant now, Duration lease) {
        if (inFlightKeys(now, lease).isEmpty()) {
            return state;
        }
        return state.withPending(Set.of(), state.version());
    }
}
