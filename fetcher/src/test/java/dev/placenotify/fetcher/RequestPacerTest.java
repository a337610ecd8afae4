package dev.placenotify.fetcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestPacerTest {
    /** A clock that only moves when the pacer parks: spacing is checked exactly, without waiting. */
    static final class FakeTicker implements RequestPacer.Ticker {
        long now = 1_000_000_000L;
        final List<Long> parks = new ArrayList<>();

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void parkNanos(long nanos) {
            parks.add(nanos);
            now += nanos;
        }

        void advance(Duration d) {
            now += d.toNanos();
        }
    }

    private static final long MS = 1_000_000L;

    @Test
    void requestsOfOneStoreAreSpacedOneIntervalApart() {
        FakeTicker t = new FakeTicker();
        RequestPacer pacer = new RequestPacer(5, t); // 200 ms apart

        List<Long> sentAt = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            pacer.await("1051707");
            sentAt.add(t.now);
        }

        assertThat(pacer.interval()).isEqualTo(Duration.ofMillis(200));
        for (int i = 1; i < sentAt.size(); i++) {
            assertThat(sentAt.get(i) - sentAt.get(i - 1)).isEqualTo(200 * MS);
        }
    }

    @Test
    void differentStoresDoNotWaitForEachOther() {
        FakeTicker t = new FakeTicker();
        RequestPacer pacer = new RequestPacer(5, t);

        for (String store : List.of("a", "b", "c", "d")) {
            assertThat(pacer.await(store)).isZero();
        }

        assertThat(t.parks).isEmpty();
    }

    @Test
    void aStoreThatWasQuietLongerThanAnIntervalGoesAtOnce() {
        FakeTicker t = new FakeTicker();
        RequestPacer pacer = new RequestPacer(5, t);

        pacer.await("a");
        t.advance(Duration.ofMillis(350));

        assertThat(pacer.await("a")).isZero();
        // ...and the next one is spaced from that request, not from the first.
        assertThat(pacer.await("a")).isEqualTo(200 * MS);
    }

    @Test
    void waitsOnlyTheRestOfTheIntervalWhenTimeHasPassed() {
        FakeTicker t = new FakeTicker();
        RequestPacer pacer = new RequestPacer(5, t);

        pacer.await("a");
        t.advance(Duration.ofMillis(120));

        assertThat(pacer.await("a")).isEqualTo(80 * MS);
    }

    @Test
    void concurrentCallersOfOneStoreGetDistinctSlots() throws Exception {
        // Each thread has its own clock that only its parking moves: all reserve at the same instant,
        // so the waits they are given must be exactly 0, 1, 2, ... intervals, whatever the interleaving.
        ThreadLocal<Long> offset = ThreadLocal.withInitial(() -> 0L);
        RequestPacer.Ticker perThread = new RequestPacer.Ticker() {
            @Override
            public long nanoTime() {
                return 1_000_000_000L + offset.get();
            }

            @Override
            public void parkNanos(long nanos) {
                offset.set(offset.get() + nanos);
            }
        };
        RequestPacer pacer = new RequestPacer(5, perThread);
        List<Long> waits = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            threads.add(Thread.ofPlatform().start(() -> waits.add(pacer.await("a"))));
        }
        for (Thread th : threads) {
            th.join();
        }

        assertThat(waits).containsExactlyInAnyOrder(0L, 200 * MS, 400 * MS, 600 * MS, 800 * MS, 1000 * MS, 1200 * MS,
                1400 * MS);
    }

    @Test
    void aRateOfZeroDisablesPacing() {
        FakeTicker t = new FakeTicker();
        RequestPacer pacer = new RequestPacer(0, t);

        for (int i = 0; i < 10; i++) {
            assertThat(pacer.await("a")).isZero();
        }
        assertThat(t.parks).isEmpty();
    }
}
