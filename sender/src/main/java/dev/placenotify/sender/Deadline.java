package dev.placenotify.sender;

import java.time.Duration;

/**
 * The moment after which an invocation starts no more work, on the monotonic clock (the injected
 * wall clock may be simulated). Derived from the Lambda's remaining time, so retries never make a
 * batch outlive its invocation: a SENS call cut off by the Lambda timeout would leave an outcome
 * nobody can know.
 */
record Deadline(long atNanos) {
    static Deadline in(Duration fromNow) {
        return new Deadline(System.nanoTime() + Math.max(0, fromNow.toNanos()));
    }

    Duration left() {
        return Duration.ofNanos(Math.max(0, atNanos - System.nanoTime()));
    }

    /** Whether {@code work} started now would end before the deadline. */
    boolean allows(Duration work) {
        return left().compareTo(work) >= 0;
    }
}
