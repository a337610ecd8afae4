package dev.placenotify.model;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A booking as Naver reported it, normalised but not yet validated: the planner decides what a
 * booking without an id or start time means, so the fetcher passes such fields through as null.
 * {@code name} and {@code phone} are personal data: never log them unmasked.
 */
public record Booking(String bookingId, String businessId, String bizItemName, String status,
                      String name, String phone, Integer bookingCount, Instant regDateTime,
                      LocalDate startDate, Instant startAt, Instant endAt) {

    @Override
    public String toString() {
        return "Booking[" + bookingId + " " + status + " start=" + startAt + " to=" + PersonalData.maskPhone(phone) + "]";
    }
}
