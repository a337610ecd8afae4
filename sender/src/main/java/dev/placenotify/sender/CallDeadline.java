package dev.placenotify.sender;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Interrupts the calling thread when a blocking call outlives its budget (the JDK HTTP client aborts
 * an exchange whose caller is interrupted). {@link #end} must follow the call, in a finally block:
 * after it no interrupt from this deadline can arrive, and one that arrived too late for the call to
 * notice is cleared.
 */
final class CallDeadline {
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sens-call-deadline");
        t.setDaemon(true);
        return t;
    });

    private final Thread caller;
    private ScheduledFuture<?> timer;
    private boolean ended;
    private boolean passed;

    private CallDeadline(Thread caller) {
        this.caller = caller;
    }

    static CallDeadline start(Duration budget) {
        CallDeadline d = new CallDeadline(Thread.currentThread());
        d.timer = TIMER.schedule(d::fire, budget.toNanos(), TimeUnit.NANOSECONDS);
        return d;
    }

    private synchronized void fire() {
        if (!ended) {
            passed = true;
            caller.interrupt();
        }
    }

    /** Whether the budget ran out (and the caller was interrupted for it). */
    synchronized boolean passed() {
        return passed;
    }

    synchronized void end() {
        ended = true;
        timer.cancel(false);
        if (passed) {
            Thread.interrupted(); // ours, not the caller's
        }
    }
}
