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
 * At 14:00 the snapshot yields 10 SMS (5 confirmations, 5 reminders) and 22 state changes; at 20:00
 * the same snapshot also plans the evening event SMS for the 10 completed bookings.
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

    @Benchmark
    @OperationsPerInvocation(BOOKINGS)
    public Decision afternoonCycle() {
        return Planner.decide(StoreSnapshots.CYCLE, store, FetchMode.NORMAL, snapshot.bookings(), snapshot.stored(),
                StoreSnapshots.STATE_TTL);
    }

    @Benchmark
    @OperationsPerInvocation(BOOKINGS)
    public Decision eveningCycle() {
        return Planner.decide(StoreSnapshots.EVENING, store, FetchMode.NORMAL, snapshot.bookings(), snapshot.stored(),
                StoreSnapshots.STATE_TTL);
    }

    @Benchmark
    @OperationsPerInvocation(BOOKINGS)
    public Decision seedBackfill() {
        return Planner.decide(StoreSnapshots.CYCLE, store, FetchMode.SEED, snapshot.bookings(), java.util.Map.of(),
                StoreSnapshots.STATE_TTL);
    }
}
