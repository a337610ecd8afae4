package dev.placenotify.sender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ParallelTest {
    private final ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();

    @AfterEach
    void close() {
        pool.close();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void resultsComeInTheItemsOrderWhateverOrderTheTasksEndIn() {
        List<Integer> items = IntStream.range(0, 20).boxed().toList();

        List<String> out = Parallel.unbounded(pool).map(items, i -> {
            sleep(5L * (20 - i)); // the last item ends first
            return "r" + i;
        });

        assertThat(out).containsExactlyElementsOf(items.stream().map(i -> "r" + i).toList());
    }

    @Test
    void aBoundedOneNeverRunsMoreThanItsSlotsAtOnceButAnUnboundedOneRunsThemAll() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        Runnable task = () -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            sleep(30);
            running.decrementAndGet();
        };
        List<Integer> items = IntStream.range(0, 24).boxed().toList();

        Parallel.bounded(pool, 3).forEach(items, i -> task.run());
        assertThat(most.get()).isEqualTo(3);

        most.set(0);
        Parallel.unbounded(pool).forEach(items, i -> task.run());
        assertThat(most.get()).isGreaterThan(3);
    }

    @Test
    void aFailureIsRethrownOnlyOnceEveryTaskHasEnded() {
        AtomicInteger ended = new AtomicInteger();
        List<Integer> items = IntStream.range(0, 10).boxed().toList();

        assertThatThrownBy(() -> Parallel.unbounded(pool).forEach(items, i -> {
            if (i == 0 || i == 5) {
                throw new IllegalStateException("task " + i + " failed");
            }
            sleep(100);
            ended.incrementAndGet();
        })).isInstanceOf(IllegalStateException.class).hasMessage("task 0 failed");
        assertThat(ended.get()).as("none still running when the call returns").isEqualTo(8);
    }

    @Test
    void aSingleItemRunsOnTheCallingThreadInASlot() {
        Parallel one = Parallel.bounded(pool, 1);
        Thread caller = Thread.currentThread();

        List<Thread> ranOn = one.map(List.of("x"), x -> Thread.currentThread());

        assertThat(ranOn).containsExactly(caller);
        assertThat(one.inSlot(() -> "free again")).isEqualTo("free again");
    }

    @Test
    void itemsAreCutIntoConsecutiveChunks() {
        List<Integer> items = IntStream.range(0, 53).boxed().toList();

        List<List<Integer>> chunks = Parallel.chunks(items, 25);

        assertThat(chunks).extracting(List::size).containsExactly(25, 25, 3);
        List<Integer> joined = new ArrayList<>();
        chunks.forEach(joined::addAll);
        assertThat(joined).isEqualTo(items);
        assertThat(Parallel.chunks(List.of(), 10)).isEmpty();
    }
}
