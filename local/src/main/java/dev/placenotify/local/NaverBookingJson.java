package dev.placenotify.local;

import dev.placenotify.model.Messages;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/** A booking in the Naver partner API's JSON shape, as the simulator serves it. */
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
        b.put("snapshotJson", Map.of("startDateTime", start.toString(), "endDateTime", start.plus(length).toString()));
        // Fields the real API sends that the pipeline does not use: the parser must ignore them.
        b.put("isNonmember", false);
        b.put("bookingOptionJson", Map.of("options", java.util.List.of()));
        return b;
    }

    public static Map<String, Object> withStatus(Map<String, Object> booking, String status) {
        Map<String, Object> copy = new LinkedHashMap<>(booking);
        copy.put("bookingStatusCode", status);
        return copy;
    }
}
