package dev.placenotify.planner.core;

import java.util.Optional;

/** The Naver booking status codes the planner understands; any other code makes a booking malformed. */
public enum BookingStatus {
    /** RC02: requested, not yet confirmed by the store. */
    REQUESTED("RC02"),
    /** RC03: confirmed. */
    CONFIRMED("RC03"),
    /** RC04: cancelled. */
    CANCELLED("RC04"),
    /** RC08: completed (the customer came). */
    COMPLETED("RC08");

    private final String code;

    BookingStatus(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<BookingStatus> ofCode(String code) {
        if (code == null) {
            return Optional.empty();
        }
        String c = code.strip();
        for (BookingStatus s : values()) {
            if (s.code.equalsIgnoreCase(c)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
