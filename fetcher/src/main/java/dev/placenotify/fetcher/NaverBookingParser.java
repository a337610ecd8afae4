package dev.placenotify.fetcher;

import com.fasterxml.jackson.databind.JsonNode;
import dev.placenotify.model.Booking;
import dev.placenotify.model.MessageCodec;
import dev.placenotify.model.SkippedItem;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads Naver's bookings list tolerantly: unknown fields are ignored, missing optional ones stay null,
 * and an entry that cannot be read at all is skipped with a reason instead of failing the page.
 */
public final class NaverBookingParser {
    private NaverBookingParser() {}

    public static BookingPage parse(String body) throws NotABookingListException {
        JsonNode root;
        try {
            root = MessageCodec.mapper().readTree(body);
        } catch (Exception e) {
            throw new NotABookingListException("Naver answered with something that is not JSON (login page?)");
        }
        if (root == null || !root.isArray()) {
            String kind = root == null ? "nothing" : root.getNodeType().toString().toLowerCase(Locale.ROOT);
            throw new NotABookingListException("Naver answered with a " + kind + " instead of a bookings array"
                    + errorHint(root));
        }
        List<Booking> bookings = new ArrayList<>();
        List<SkippedItem> skipped = new ArrayList<>();
        for (JsonNode entry : root) {
            String id = text(entry, "bookingId");
            try {
                if (!entry.isObject()) {
                    throw new IllegalArgumentException("entry is not an object");
                }
                bookings.add(toBooking(entry));
            } catch (RuntimeException e) {
                skipped.add(new SkippedItem(id, "unreadable booking from Naver: " + e.getMessage()));
            }
        }
        return new BookingPage(bookings, skipped, root.size());
    }

    private static Booking toBooking(JsonNode n) {
        JsonNode snap = snapshot(n.path("snapshotJson"));
        return new Booking(text(n, "bookingId"), text(n, "businessId"), text(n, "bizItemName"),
                text(n, "bookingStatusCode"), text(n, "name"), text(n, "phone"),
                n.hasNonNull("bookingCount") ? n.get("bookingCount").asInt() : null,
                instant(n, "regDateTime"), date(n, "startDate"),
                instant(snap, "startDateTime"), instant(snap, "endDateTime"));
    }

    /** {@code snapshotJson} arrives as an object or as a string that holds the object: read both. */
    private static JsonNode snapshot(JsonNode snap) {
        if (!snap.isTextual()) {
            return snap;
        }
        try {
            return MessageCodec.mapper().readTree(snap.asText());
        } catch (Exception e) {
            throw new IllegalArgumentException("snapshotJson is a string that is not JSON");
        }
    }

    private static String errorHint(JsonNode root) {
        if (root != null && root.isObject()) {
            String code = text(root, "error");
            return code == null ? "" : " (" + code + ")";
        }
        return "";
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
    }

    private static Instant instant(JsonNode n, String field) {
        String v = text(n, field);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException notUtc) {
            try {
                return OffsetDateTime.parse(v).toInstant(); // e.g. 2025-10-22T14:00:00+09:00
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(field + " is not an instant: " + abbreviate(v));
            }
        }
    }

    private static LocalDate date(JsonNode n, String field) {
        String v = text(n, field);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(v.length() > 10 ? v.substring(0, 10) : v);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " is not a date: " + abbreviate(v));
        }
    }

    /** Reasons reach the summary: keep a stray long value (or personal data in the wrong field) short. */
    private static String abbreviate(String v) {
        return v.length() > 40 ? v.substring(0, 40) + "…" : v;
    }
}
