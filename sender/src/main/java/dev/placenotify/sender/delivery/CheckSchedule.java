package dev.placenotify.sender.delivery;

import java.time.Duration;
import java.time.Instant;

/**
 * When to look again. Carriers report most texts within seconds, some after hours (a phone switched off),
 * so the looks start a few minutes after the send and back off exponentially up to {@code maxInterval},
 * until {@code deadline} after the send; the last look is at the deadline itself. Pure.
 *
 * @param first       the first look after the send, and the first back-off step
 * @param maxInterval the longest wait between two looks
 * @param deadline    how long after the send the result is still looked for
 */
public record CheckSchedule(Duration first, Duration maxInterval, Duration deadline) {
    public CheckSchedule {
        if (first.isNegative() || first.isZero() || maxInterval.compareTo(first) < 0 || deadline.compareTo(first) < 0) {
            throw new IllegalArgumentException("delivery checks need 0 < first <= maxInterval and first <= deadline, not "
                    + first + ", " + maxInterval + ", " + deadline);
        }
    }

    /** The wait after look number {@code attempt} (1 for the first look): first × 2^(attempt−1), at most maxInterval. */
    public Duration interval(int attempt) {
        int doublings = Math.min(Math.max(attempt - 1, 0), 30);
        Duration d = first.multipliedBy(1L << doublings);
        return d.compareTo(maxInterval) > 0 ? maxInterval : d;
    }

    /** The moment after which nothing is looked up any more. */
    public Instant deadlineAt(Instant sentAt) {
        return sentAt.plus(deadline);
    }

    /**
     * When the look after look number {@code attempt}, made at {@code now}, is due; empty when the look at
     * {@code now} was the last (the deadline has been reached).
     */
    public java.util.Optional<Instant> next(Instant sentAt, int attempt, Instant now) {
        Instant end = deadlineAt(sentAt);
        if (!now.isBefore(end)) {
            return java.util.Optional.empty();
        }
        Instant due = now.plus(interval(attempt));
        return java.util.Optional.of(due.isAfter(end) ? end : due);
    }
}
