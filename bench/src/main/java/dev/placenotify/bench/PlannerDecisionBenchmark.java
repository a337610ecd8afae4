package dev.placenotify.bench;

import dev.placenotify.model.FetchMode;
import dev.placenotify.model.StoreSettings;
import dev.placenotify.planner.core.Decision;
import dev.placenotify.planner.core.Planner;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link Planner#decide} over one store's snapshot of 50 bookings with their stored states (see
 * {@link StoreSnapshots}), on one thread: the score is bookings decided per second on one core.
 * Decided by the default (v2) rules: at 14:00 the snapshot yields 10 SMS (5 confirmations, 5 reminders)
 * and 22 state changes; at 20:00 the same snapshot also plans the review request for the 10 completed
 * bookings whose options name the event.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class PlannerDecisionBenchmark {
    static final int BOOKINGS = 50;

    private final StoreSettings store = StoreSnapshots.store();
    private final StoreSnapshots.Snapshot snapshot = StoreSnapshots.snapshot(store, BOOKINGS);

    private final Planner.Cycle afternoon = cycle(StoreSnapshots.CYCLE, FetchMode.NORMAL);
    private final Planner.Cycle evening = cycle(StoreSnapshots.EVENING, FetchMode.NORMAL);
    private final Planner.Cycle seed = cycle(StoreSnapshots.CYCLE, FetchMode.SEED);

    private Planner.Cycle cycle(java.time.Instant now, FetchMode mode) {
        return new Planner.Cycle(now, store, StoreSnapshots.RULES, mode, now, StoreSnapshots.STATE_TTL);
    }

    @Benchmark
    @OperationsPerInvocation(BOOKINGS)
    public Decision afternoonCycle() {
        return Planner.decide(afternoon, snapshot.bookings(), snapshot.stored());
    }

    @Benchmark
    @OperationsPerInvocation(BOOKINGS)
    public Decision eveningCycle() {
        return Planner.decide(evening, snapshot.bookings(), snapshot.stored());
    }

    @Benchmark
    @OperationsPerInvocation(BOOKINGS)
    public Decision seedBackfill() {
        return Planner.decide(seed, snapshot.bookings(), java.util.Map.of());
    }
}
