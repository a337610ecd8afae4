package dev.placenotify.fetcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RequestPacerTest {
    private static final long MS = 1_000_000L;

    /** A clock that only moves when told or when the pacer parks (plus an optional oversleep): no real waiting. */
    static final class FakeTicker implements RequestPacer.Ticker {
        final AtomicLong now = new AtomicLong(1_000_000_000L);
        final List<Long> parks = Collections.synchronizedList(new ArrayList<>());
        final long oversleep;

        FakeTicker(Duration oversleep) {
            this.oversleep = oversleep.toNanos();
        }

        FakeTicker() {
            this(Duration.ZERO);
        }

        @Override
        public long nanoTime() {
            return now.get();
        }

        @Override
        public void parkNanos(long nanos) {
            parks.add(nanos);
            now.addAndGet(nanos + oversleep);
        }

        void advance(Duration d) {
            now.addAndGet(d.toNanos());
        }
    }

    @Test
    void requestsOfOneStoreAreSpacedOneIntervalApart() {
        FakeTicker t = new FakeTicker();
        RequestPacer pacer = new RequestPacer(5, t); // 200 ms apart

        List<Long> grants = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            grants.add(pacer.await("1051707"));
        }

        assertThat(pacer.interval()).isEqualTo(Duration.ofMillis(200));
        assertThat(gaps(grants)).containsOnly(200 * MS);
    }

    @Test
    void differentStoresDoNotWaitForEachOther() {
        FakeTicker t = new FakeTicker();
        RequestPacer pacer = new RequestPacer(5, t);

        for (String store : List.of("a", "b", "c", "d")) {
            pacer.await(store);
        }

        assertThat(t.parks).isEmpty();
    }

    @Test
    void aStoreThatWasQuietLongerThanAnIntervalGoesAtOnce() {
        FakeTicker t = new FakeTicker();
        RequestPacer pacer = new RequestPacer(5, t);

        pacer.await("a");
        t.advance(Duration.ofMillis(350));
        long second = pacer.await("a");

        assertThat(t.parks).isEmpty();
        // ...and the next one is spaced from that request, not from the first.
        assertThat(pacer.await("a") - second).isEqualTo(200 * MS);
    }

    @Test
    void waitsOnlyTheRestOfTheIntervalWhenTimeHasPassed() {
        FakeTicker t = new FakeTicker();
        RequestPacer pacer = new RequestPacer(5, t);

        pacer.await("a");
        t.advance(Duration.ofMillis(120));
        pacer.await("a");

        assertThat(t.parks).containsExactly(80 * MS);
    }

    @Test
    void aCallerWokenLateNeverLetsTheNextOneFollowCloserThanTheInterval() {
        // A busy machine wakes every sleeper 150 ms late: spacing is measured from the real grant.
        FakeTicker t = new FakeTicker(Duration.ofMillis(150));
        RequestPacer pacer = new RequestPacer(5, t);

        List<Long> grants = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            grants.add(pacer.await("a"));
        }

        assertThat(gaps(grants)).allSatisfy(g -> assertThat(g).isGreaterThanOrEqualTo(200 * MS));
    }

    @Test
    void concurrentCallersOfOneStoreTakeTurnsOneIntervalApart() throws Exception {
        FakeTicker t = new FakeTicker();
        RequestPacer pacer = new RequestPacer(5, t);
        List<Long> grants = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            threads.add(Thread.ofVirtual().start(() -> grants.add(pacer.await("a"))));
        }
        for (Thread th : threads) {
            th.join();
        }

        assertThat(grants).hasSize(8);
        assertThat(gaps(grants.stream().sorted().toList())).containsOnly(200 * MS);
    }

    @Test
    void aRateOfZeroDisablesPacing() {
        FakeTicker t = new FakeTicker();
        RequestPacer pacer = new RequestPacer(0, t);

        for (int i = 0; i < 10; i++) {
            pacer.await("a");
        }
        assertThat(t.parks).isEmpty();
    }

    private static List<Long> gaps(List<Long> times) {
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < times.size(); i++) {
            gaps.add(times.get(i) - times.get(i - 1));
        }
        return gaps;
    }
}
