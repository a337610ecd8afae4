package dev.placenotify.fetcher;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Spaces requests for one store at least 1/rate apart, so a backfill over many pages or stores never
 * hammers Naver; different stores do not wait for each other.
 */
public final class RequestPacer {
    private final long intervalNanos;
    private final Map<String, Long> nextSlot = new HashMap<>();

    public RequestPacer(double requestsPerSecond) {
        this.intervalNanos = requestsPerSecond <= 0 ? 0 : (long) (1_000_000_000L / requestsPerSecond);
    }

    public void await(String storeId) {
        if (intervalNanos == 0) {
            return;
        }
        long slot;
        synchronized (nextSlot) {
            long now = System.nanoTime();
            slot = Math.max(now, nextSlot.getOrDefault(storeId, now));
            nextSlot.put(storeId, slot + intervalNanos);
        }
        long wait = slot - System.nanoTime();
        if (wait > 0) {
            LockSupport.parkNanos(wait);
        }
    }

    public Duration interval() {
        return Duration.ofNanos(intervalNanos);
    }
}
