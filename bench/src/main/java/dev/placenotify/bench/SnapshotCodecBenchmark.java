package dev.placenotify.bench;

import dev.placenotify.model.BookingSnapshot;
import dev.placenotify.model.DateWindow;
import dev.placenotify.model.FetchMode;
import dev.placenotify.model.MessageCodec;
import dev.placenotify.model.Messages;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Encode and decode of one store's snapshot of 50 bookings: the planner's input message. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class SnapshotCodecBenchmark {
    private final BookingSnapshot snapshot = new BookingSnapshot(Messages.SCHEMA_VERSION, "c20251022T1400", "1051707",
            StoreSnapshots.CYCLE, StoreSnapshots.CYCLE, FetchMode.NORMAL,
            new DateWindow(LocalDate.of(2025, 10, 22), LocalDate.of(2025, 11, 5)), 0, 1,
            StoreSnapshots.snapshot(StoreSnapshots.store(), 50).bookings(), List.of());
    private final String json = MessageCodec.encode(snapshot);

    @Benchmark
    public String encodeSnapshot50() {
        return MessageCodec.encode(snapshot);
    }

    @Benchmark
    public BookingSnapshot decodeSnapshot50() {
        return MessageCodec.decode(json, BookingSnapshot.class);
    }
}
