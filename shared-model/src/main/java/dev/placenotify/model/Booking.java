package dev.placenotify.model;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A booking as Naver reported it, normalised but not yet validated: the planner decides what a
 * booking without an id or start time means, so the fetcher passes such fields through as null.
 * {@code name}, {@code phone} and {@code formAnswers} are personal data: never log them unmasked.
 * {@code privacyMasked} is Naver's {@code isForcedPrivacyMasking}: the phone arrives masked
 * ({@code 010-41**-68**}) and cannot be texted.
 */
public record Booking(String bookingId, String businessId, String bizItemName, String status,
                      String name, String phone, Integer bookingCount, Instant regDateTime,
                      LocalDate startDate, Instant startAt, Instant endAt, List<BookingOption> options,
                      List<FormAnswer> formAnswers, Boolean privacyMasked) {

    public Booking {
        options = Required.list(options);
        formAnswers = Required.list(formAnswers);
        privacyMasked = privacyMasked != null && privacyMasked;
    }

    /** A booking without options or form answers (tests, benchmarks, older snapshots). */
    public Booking(String bookingId, String businessId, String bizItemName, String status, String name, String phone,
                   Integer bookingCount, Instant regDateTime, LocalDate startDate, Instant startAt, Instant endAt) {
        this(bookingId, businessId, bizItemName, status, name, phone, bookingCount, regDateTime, startDate, startAt,
                endAt, List.of(), List.of(), false);
    }

    @Override
    public String toString() {
        return "Booking[" + bookingId + " " + status + " start=" + startAt + " to=" + PersonalData.maskPhone(phone) + "]";
    }
}
