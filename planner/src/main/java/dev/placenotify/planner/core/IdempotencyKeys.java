package dev.placenotify.planner.core;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Keys naming what a message is for, never when or by whom it was planned, so a replay, a retry or a
 * second planner derives the same key and the customer is texted once:
 * <ul>
 *   <li>{@code {storeId}:{bookingId}:CONFIRMATION}</li>
 *   <li>{@code {storeId}:{bookingId}:REMINDER:{start epoch seconds}}</li>
 *   <li>{@code {storeId}:{bookingId}:EVENT:{reservation date in KST, ISO}}</li>
 *   <li>{@code {storeId}:{bookingId}:CANCELLATION}</li>
 *   <li>{@code {storeId}:{bookingId}:RESCHEDULE:{new start epoch seconds}}</li>
 * </ul>
 */
public final class IdempotencyKeys {
    private IdempotencyKeys() {}

    public static String confirmation(String storeId, String bookingId) {
        return base(storeId, bookingId) + "CONFIRMATION";
    }

    public static String reminder(String storeId, String bookingId, Instant startAt) {
        return base(storeId, bookingId) + "REMINDER:" + startAt.getEpochSecond();
    }

    public static String event(String storeId, String bookingId, LocalDate reservationDate) {
        return base(storeId, bookingId) + "EVENT:" + reservationDate;
    }

    public static String cancellation(String storeId, String bookingId) {
        return base(storeId, bookingId) + "CANCELLATION";
    }

    public static String reschedule(String storeId, String bookingId, Instant newStartAt) {
        return base(storeId, bookingId) + "RESCHEDULE:" + newStartAt.getEpochSecond();
    }

    private static String base(String storeId, String bookingId) {
        return storeId + ":" + bookingId + ":";
    }
}
