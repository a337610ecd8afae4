package dev.placenotify.planner.rules;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Idempotency keys name what a message is for, never when or by whom it was planned, so a replay, a
 * retry or a second planner derives the same key and the customer is texted once:
 * {@code {storeId}:{bookingId}:{RULE}}, {@code …:{RULE}:{start epoch seconds}} or
 * {@code …:{RULE}:{reservation date, KST ISO}} by the rule's {@link KeyScope}. The default rules keep
 * the keys place-notify always used ({@code CONFIRMATION}, {@code REMINDER:start}, {@code EVENT:date}).
 */
public final class RuleKeys {
    private RuleKeys() {}

    public static String of(String storeId, String bookingId, String ruleId, KeyScope scope, Instant start,
                            LocalDate reservationDate) {
        String key = base(storeId, bookingId) + ruleId;
        return switch (scope) {
            case BOOKING -> key;
            case START -> key + ":" + start.getEpochSecond();
            case DATE -> key + ":" + reservationDate;
        };
    }

    static String base(String storeId, String bookingId) {
        return storeId + ":" + bookingId + ":";
    }
}
