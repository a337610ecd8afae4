package dev.placenotify.notifier;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition inside a simulator's request thread, where a test cannot fail: gives up quietly at the limit. */
final class Poll {
    private Poll() {}

    static boolean until(Duration limit, BooleanSupplier condition) {
        long end = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }
}
