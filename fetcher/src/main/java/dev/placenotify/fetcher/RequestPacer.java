package dev.placenotify.fetcher;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Spaces requests for one store at least 1/rate apart, so a backfill over many pages or slices never
 * hammers Naver; different stores do not wait for each other. Slots are handed out in call order, so
 * concurrent queries of one store (different statuses or slices) share the store's rate.
 *
 * <p>The limit holds per fetcher instance (one Lambda execution environment). A store is fetched by one
 * message at a time, so per store it is the limit Naver sees; across stores, the fetch queue's maximum
 * concurrency bounds the total.
 */
public final class RequestPacer {
    /** Time source and sleep, replaceable so tests can check the spacing without waiting. */
    interface Ticker {
        long nanoTime();

        void parkNanos(long nanos);

        Ticker SYSTEM = new Ticker() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void parkNanos(long nanos) {
                LockSupport.parkNanos(nanos);
            }
        };
    }

    private final long intervalNanos;
    private final Ticker ticker;
    private final Map<String, Long> nextSlot = new HashMap<>();

    public RequestPacer(double requestsPerSecond) {
        this(requestsPerSecond, Ticker.SYSTEM);
    }

    RequestPacer(double requestsPerSecond, Ticker ticker) {
        this.intervalNanos = requestsPerSecond <= 0 ? 0 : (long) (1_000_000_000L / requestsPerSecond);
        this.ticker = ticker;
    }

    /** Blocks until this store's next slot; returns how long it waited (nanoseconds). */
    public long await(String storeId) {
        if (intervalNanos == 0) {
            return 0;
        }
        long slot;
        long now;
        synchronized (nextSlot) {
            now = ticker.nanoTime();
            slot = Math.max(now, nextSlot.getOrDefault(storeId, now));
            nextSlot.put(storeId, slot + intervalNanos);
        }
        long wait = slot - ticker.nanoTime();
        // parkNanos may return early (spuriously); keep parking until the slot is reached.
        while (wait > 0 && !Thread.currentThread().isInterrupted()) {
            ticker.parkNanos(wait);
            wait = slot - ticker.nanoTime();
        }
        return slot - now;
    }

    public Duration interval() {
        return Duration.ofNanos(intervalNanos);
    }
}
