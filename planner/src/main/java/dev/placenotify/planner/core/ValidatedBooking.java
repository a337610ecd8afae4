package dev.placenotify.planner.core;

import dev.placenotify.model.Booking;

/** A booking checked for what the planner needs: an id, a start time and a known status. */
public sealed interface ValidatedBooking permits ValidatedBooking.Valid, ValidatedBooking.Malformed {

    /** A booking the planner can decide on. */
    record Valid(Booking booking, BookingStatus status) implements ValidatedBooking {
        public String bookingId() {
            return booking.bookingId();
        }
    }

    /** A booking the planner skips; {@code bookingId} is null when the booking had none. */
    record Malformed(String bookingId, String reason) implements ValidatedBooking {}

    static ValidatedBooking of(Booking booking) {
        if (booking == null) {
            return new Malformed(null, "malformed booking: empty entry in snapshot");
        }
        if (booking.bookingId() == null || booking.bookingId().isBlank()) {
            return new Malformed(null, "malformed booking: no bookingId");
        }
        if (booking.startAt() == null) {
            return new Malformed(booking.bookingId(), "malformed booking: no start time");
        }
        if (booking.status() == null || booking.status().isBlank()) {
            return new Malformed(booking.bookingId(), "malformed booking: no status");
        }
        return BookingStatus.ofCode(booking.status())
                .<ValidatedBooking>map(status -> new Valid(booking, status))
                .orElseGet(() -> new Malformed(booking.bookingId(),
                        "malformed booking: unknown status '" + booking.status().strip() + "'"));
    }
}
