package dev.placenotify.sender;

import dev.placenotify.model.SmsJob;
import java.time.Duration;
import java.time.Instant;

/**
 * How a job that must follow another ({@code afterKey}: a reminder after its confirmation) waits.
 * It waits as long as the predecessor can still settle by itself: until {@code dueAt + maxWait}, the
 * longest the predecessor can stay on the SMS queue before the DLQ (its receives x the visibility
 * timeout), and never past its own {@code notAfter}. While it waits it looks again after half the
 * time it has waited so far (at least {@code minimum}), so a short hold is noticed quickly and a long
 * one costs a handful of looks; each look is a fresh, delayed SQS message (at most 900 s), so waiting
 * never uses up receives.
 */
public final class PredecessorWait {
    static final Duration MAX_SQS_DELAY = Duration.ofSeconds(900);
    private static final Duration AFTER_THE_END = Duration.ofSeconds(1);

    private PredecessorWait() {}

    /** Whether the predecessor can no longer settle by itself: the job goes without it. */
    public static boolean over(SmsJob job, Instant now, Duration maxWait) {
        return !now.isBefore(job.dueAt().plus(maxWait));
    }

    /** When the job looks again, from now: in [1 s, 900 s], and no later than just after its wait ends. */
    public static Duration nextLook(SmsJob job, Instant now, Duration minimum, Duration maxWait) {
        Duration waited = Duration.between(job.dueAt(), now);
        Duration half = waited.isNegative() ? Duration.ZERO : waited.dividedBy(2);
        Duration next = max(minimum, half);
        Instant end = min(job.notAfter(), job.dueAt().plus(maxWait));
        next = min(next, Duration.between(now, end).plus(AFTER_THE_END));
        next = min(next, MAX_SQS_DELAY);
        return max(next, Duration.ofSeconds(1));
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
