package dev.placenotify.testsupport.sim;

import dev.placenotify.model.Booking;
import dev.placenotify.model.BookingOption;
import dev.placenotify.model.FormAnswer;
import dev.placenotify.model.Messages;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A booking in the Naver partner API's JSON shape, as the simulator serves it: numeric ids, the start in
 * {@code snapshotJson}, the options both in {@code snapshotJson.bookingOptionJson} and at the top level
 * ({@code [{"optionId": 20266307, "name": "110분/1~4인촬영", "price": 35000, "bookingCount": 1}]}), form answers
 * in {@code customFormInputJson} ({@code [{"type":"SELECT","title":"리뷰 이벤트","value":"네~ :)"}]}) and
 * {@code isForcedPrivacyMasking} with the phone masked the way Naver masks it ({@code 010-41**-68**}).
 */
public final class NaverBookingJson {
    private NaverBookingJson() {}

    public static Map<String, Object> of(long bookingId, String businessId, String item, String status, String name,
                                         String phone, int count, Instant registeredAt, Instant start, Duration length) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("bookingId", bookingId);
        b.put("businessId", Long.parseLong(businessId));
        b.put("bizItemName", item);
        b.put("bookingStatusCode", status);
        b.put("name", name);
        b.put("phone", phone);
        b.put("bookingCount", count);
        b.put("regDateTime", registeredAt.toString());
        b.put("startDate", LocalDate.ofInstant(start, Messages.KST).toString());
        Map<String, Object> snapshot = new LinkedHashMap<>();
        snapshot.put("startDateTime", start.toString());
        snapshot.put("endDateTime", start.plus(length).toString());
        snapshot.put("bookingOptionJson", List.of());
        b.put("snapshotJson", snapshot);
        b.put("bookingOptionJson", List.of());
        b.put("customFormInputJson", List.of());
        b.put("isForcedPrivacyMasking", false);
        // A field the real API sends that the pipeline does not use: the parser must ignore it.
        b.put("isNonmember", false);
        return b;
    }

    /** A model booking (tests, scenario tools) in Naver's shape, options, answers and masking included. */
    public static Map<String, Object> of(Booking booking) {
        Instant start = Objects.requireNonNull(booking.startAt(), "a booking in Naver's shape needs its start");
        Map<String, Object> b = of(Long.parseLong(booking.bookingId()), booking.businessId(), booking.bizItemName(),
                booking.status(), booking.name(), booking.phone(), booking.bookingCount() == null ? 1 : booking.bookingCount(),
                booking.regDateTime() == null ? start : booking.regDateTime(), start,
                booking.endAt() == null ? Duration.ofHours(1) : Duration.between(start, booking.endAt()));
        if (booking.regDateTime() == null) {
            b.remove("regDateTime");
        }
        b = withOptions(withFormAnswers(b, booking.formAnswers()), booking.options());
        if (booking.privacyMasked()) {
            b.put("isForcedPrivacyMasking", true); // the phone is already masked in a masked booking
        }
        return b;
    }

    public static Map<String, Object> withStatus(Map<String, Object> booking, String status) {
        Map<String, Object> copy = new LinkedHashMap<>(booking);
        copy.put("bookingStatusCode", status);
        return copy;
    }

    /** The booking with these options, where Naver puts them: in the snapshot and at the top level. */
    public static Map<String, Object> withOptions(Map<String, Object> booking, List<BookingOption> options) {
        List<Map<String, Object>> json = new ArrayList<>();
        for (BookingOption o : options) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("optionId", numberIfNumeric(o.optionId()));
            entry.put("name", o.name());
            entry.put("price", 0);
            entry.put("bookingCount", o.bookingCount());
            json.add(entry);
        }
        Map<String, Object> copy = new LinkedHashMap<>(booking);
        @SuppressWarnings("unchecked")
        Map<String, Object> snapshot = new LinkedHashMap<>((Map<String, Object>) booking.getOrDefault("snapshotJson", Map.of()));
        snapshot.put("bookingOptionJson", json);
        copy.put("snapshotJson", snapshot);
        copy.put("bookingOptionJson", json);
        return copy;
    }

    /** The booking with these answers to the store's booking form. */
    public static Map<String, Object> withFormAnswers(Map<String, Object> booking, List<FormAnswer> answers) {
        List<Map<String, Object>> json = new ArrayList<>();
        for (FormAnswer a : answers) {
            json.add(Map.of("type", "TEXT", "title", a.title(), "value", a.value()));
        }
        Map<String, Object> copy = new LinkedHashMap<>(booking);
        copy.put("customFormInputJson", json);
        return copy;
    }

    /** The booking as Naver shows it when it masks the customer's number ({@code 010-1234-5678} → {@code 010-12**-56**}). */
    public static Map<String, Object> privacyMasked(Map<String, Object> booking) {
        Map<String, Object> copy = new LinkedHashMap<>(booking);
        String digits = String.valueOf(booking.get("phone")).replaceAll("\\D", "");
        if (digits.length() >= 10) {
            String middle = digits.substring(3, digits.length() - 4);
            String last = digits.substring(digits.length() - 4);
            copy.put("phone", digits.substring(0, 3) + "-" + middle.substring(0, 2) + "*".repeat(middle.length() - 2)
                    + "-" + last.substring(0, 2) + "**");
        }
        copy.put("isForcedPrivacyMasking", true);
        return copy;
    }

    private static Object numberIfNumeric(String id) {
        return id != null && id.matches("\\d{1,18}") ? (Object) Long.parseLong(id) : id;
    }
}
