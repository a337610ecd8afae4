package dev.placenotify.fetcher;

import com.fasterxml.jackson.databind.JsonNode;
import dev.placenotify.model.Booking;
import dev.placenotify.model.BookingOption;
import dev.placenotify.model.FormAnswer;
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
 * and an entry that cannot be read at all is skipped with a reason instead of failing the page. Options,
 * form answers and the privacy-masking flag are read too (issue 12); their lists are capped
 * ({@value #MAX_OPTIONS} options, {@value #MAX_FORM_ANSWERS} answers, names {@value #MAX_NAME_CHARS} and answers
 * {@value #MAX_ANSWER_CHARS} characters) so no single booking can outgrow a snapshot chunk.
 */
public final class NaverBookingParser {
    static final int MAX_OPTIONS = 20;
    static final int MAX_FORM_ANSWERS = 20;
    static final int MAX_NAME_CHARS = 200;
    static final int MAX_ANSWER_CHARS = 500;

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
        List<BookingOption> options = options(snap.path("bookingOptionJson"));
        if (options.isEmpty()) {
            options = options(n.path("bookingOptionJson"));
        }
        JsonNode answers = n.hasNonNull("customFormInputJson") ? n.get("customFormInputJson") : snap.path("customFormInputJson");
        return new Booking(text(n, "bookingId"), text(n, "businessId"), text(n, "bizItemName"),
                text(n, "bookingStatusCode"), text(n, "name"), text(n, "phone"),
                n.hasNonNull("bookingCount") ? n.get("bookingCount").asInt() : null,
                instant(n, "regDateTime"), date(n, "startDate"),
                instant(snap, "startDateTime"), instant(snap, "endDateTime"),
                options, formAnswers(answers), flag(n.has("isForcedPrivacyMasking") ? n : snap, "isForcedPrivacyMasking"));
    }

    /**
     * {@code bookingOptionJson}: an array, or a string holding one, of {@code {optionId, name, price, bookingCount}}.
     * Tolerant on purpose: a list that cannot be read is no options, and an entry that is not an object or names
     * neither option nor id is left out; the booking itself is never skipped for its options.
     */
    private static List<BookingOption> options(JsonNode field) {
        List<BookingOption> options = new ArrayList<>();
        for (JsonNode e : arrayOf(field)) {
            String id = text(e, "optionId");
            String name = text(e, "name");
            boolean unreadableName = e.hasNonNull("name") && e.get("name").isContainerNode();
            if (!e.isObject() || unreadableName || (id == null && name == null)) {
                continue;
            }
            JsonNode count = e.get("bookingCount");
            Integer bookingCount = count != null && count.canConvertToInt() && (count.isIntegralNumber() || count.isTextual()
                    && count.asText().matches("\\d{1,9}")) ? Integer.valueOf(count.asInt()) : null;
            options.add(new BookingOption(id, cut(name, MAX_NAME_CHARS), bookingCount));
            if (options.size() == MAX_OPTIONS) {
                break;
            }
        }
        return options;
    }

    /** {@code customFormInputJson}: an array, or a string holding one, of {@code {type, title, value}}; read like options. */
    private static List<FormAnswer> formAnswers(JsonNode field) {
        List<FormAnswer> answers = new ArrayList<>();
        for (JsonNode e : arrayOf(field)) {
            if (!e.isObject() || (text(e, "title") == null && value(e.get("value")) == null)) {
                continue;
            }
            answers.add(new FormAnswer(cut(text(e, "title"), MAX_NAME_CHARS), cut(value(e.get("value")), MAX_ANSWER_CHARS)));
            if (answers.size() == MAX_FORM_ANSWERS) {
                break;
            }
        }
        return answers;
    }

    /** A form value: text, a number, or a list of them (several choices), joined. */
    private static String value(JsonNode v) {
        if (v == null || v.isNull() || v.isObject()) {
            return null;
        }
        if (v.isArray()) {
            List<String> parts = new ArrayList<>();
            v.forEach(p -> {
                if (p.isValueNode() && !p.isNull()) {
                    parts.add(p.asText());
                }
            });
            return parts.isEmpty() ? null : String.join(", ", parts);
        }
        return v.asText();
    }

    /** The array a field holds directly or as a JSON string; nothing when it holds anything else. */
    private static JsonNode arrayOf(JsonNode field) {
        JsonNode node = field;
        if (node != null && node.isTextual()) {
            try {
                node = MessageCodec.mapper().readTree(node.asText());
            } catch (Exception unreadable) {
                return MessageCodec.mapper().createArrayNode();
            }
        }
        return node != null && node.isArray() ? node : MessageCodec.mapper().createArrayNode();
    }

    private static boolean flag(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && (v.isBoolean() ? v.asBoolean() : v.isTextual() && "true".equalsIgnoreCase(v.asText().strip()));
    }

    /** Free text from Naver has no length limit; a snapshot chunk does. */
    private static String cut(String s, int max) {
        if (s == null) {
            return null;
        }
        return s.codePointCount(0, s.length()) <= max ? s : s.substring(0, s.offsetByCodePoints(0, max));
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
