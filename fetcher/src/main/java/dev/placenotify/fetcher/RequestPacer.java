package dev.placenotify.fetcher;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Spaces requests for one store at least 1/rate apart, so a backfill over many pages or slices never
 * hammers Naver; different stores do not wait for each other. Concurrent queries of one store (different
 * statuses or slices) take turns: each waits until the interval since the previous grant has passed, measured
 * when that grant actually happened, so a caller woken late (a busy machine) never lets the next one
 * follow too closely. The wait holds a per-store {@link ReentrantLock}, not a monitor, so virtual threads
 * are not pinned while they wait.
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

    private static final class Turn {
        final ReentrantLock lock = new ReentrantLock(true);
        boolean granted;
        long lastGrant;
    }

    private final long intervalNanos;
    private final Ticker ticker;
    private final Map<String, Turn> turns = new ConcurrentHashMap<>();

    public RequestPacer(double requestsPerSecond) {
        this(requestsPerSecond, Ticker.SYSTEM);
    }

    RequestPacer(double requestsPerSecond, Ticker ticker) {
        this.intervalNanos = requestsPerSecond <= 0 ? 0 : (long) (1_000_000_000L / requestsPerSecond);
        this.ticker = ticker;
    }

    /**
     * Blocks until this store may send its next request; returns the ticker time of the grant. Returns
     * at once (without recording anything) when pacing is off.
     */
    public long await(String storeId) {
        if (intervalNanos == 0) {
            return ticker.nanoTime();
        }
        Turn turn = turns.computeIfAbsent(storeId, k -> new Turn());
        turn.lock.lock();
        try {
            if (turn.granted) {
                long wait = turn.lastGrant + intervalNanos - ticker.nanoTime();
                // parkNanos may return early (spuriously): keep parking until the interval has passed.
                while (wait > 0) {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new NaverUnavailableException("interrupted while pacing requests", null);
                    }
                    ticker.parkNanos(wait);
                    wait = turn.lastGrant + intervalNanos - ticker.nanoTime();
                }
            }
            turn.granted = true;
            turn.lastGrant = ticker.nanoTime();
            return turn.lastGrant;
        } finally {
            turn.lock.unlock();
        }
    }

    public Duration interval() {
        return Duration.ofNanos(intervalNanos);
    }
}
