package dev.placenotify.testsupport;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that starts at a chosen instant and then runs at real speed. The local run shares it between
 * the stages and the SENS simulator, so a cycle "at 2025-10-22 14:00 KST" is judged and signed at that
 * time while retries and timeouts still take real time.
 */
public final class SimulatedClock extends Clock {
    private volatile Instant base;
    private volatile long baseNanos;

    public SimulatedClock(Instant start) {
        set(start);
    }

    public synchronized void set(Instant now) {
        this.base = now;
        this.baseNanos = System.nanoTime();
    }

    @Override
    public Instant instant() {
        return base.plusNanos(System.nanoTime() - baseNanos);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the simulated clock is UTC; convert with Messages.KST");
    }
}
