package dev.placenotify.sender;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs work in parallel on a pool that starts a thread per task (virtual threads), at most
 * {@code slots} at a time when bounded: the sender bounds its SENS and DynamoDB concurrency per
 * instance with one bounded Parallel each, however many tasks wait for a slot.
 */
final class Parallel {
    private final ExecutorService pool;
    private final Semaphore slots;

    private Parallel(ExecutorService pool, Semaphore slots) {
        this.pool = pool;
        this.slots = slots;
    }

    static Parallel unbounded(ExecutorService pool) {
        return new Parallel(pool, null);
    }

    static Parallel bounded(ExecutorService pool, int slots) {
        return new Parallel(pool, new Semaphore(slots));
    }

    /**
     * Runs {@code action} on every item in parallel, each in a slot when bounded, and returns the
     * results in the items' order (a single item runs on the calling thread). An exception fails the
     * whole call, which fails the batch (SQS redelivers it; the idempotency records keep that safe),
     * but only once every task has ended: none may still run when the batch ends.
     */
    <T, R> List<R> map(List<T> items, Function<T, R> action) {
        if (items.isEmpty()) {
            return List.of();
        }
        if (items.size() == 1) {
            return Collections.singletonList(inSlot(() -> action.apply(items.get(0))));
        }
        List<Future<R>> futures = new ArrayList<>(items.size());
        for (T item : items) {
            futures.add(pool.submit(() -> inSlot(() -> action.apply(item))));
        }
        List<R> out = new ArrayList<>(items.size());
        RuntimeException failure = null;
        for (Future<R> f : futures) {
            try {
                out.add(await(f));
            } catch (RuntimeException e) {
                out.add(null);
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
        return out;
    }

    /** As {@link #map}, for work without a result. */
    <T> void forEach(List<T> items, Consumer<T> action) {
        map(items, item -> {
            action.accept(item);
            return null;
        });
    }

    /** Runs {@code work} on the calling thread once a slot is free (at once when unbounded). */
    <R> R inSlot(Supplier<R> work) {
        if (slots == null) {
            return work.get();
        }
        slots.acquireUninterruptibly();
        try {
            return work.get();
        } finally {
            slots.release();
        }
    }

    /** Starts {@code task} on the pool without taking a slot (it takes its own); {@link #await} it. */
    Future<?> start(Runnable task) {
        return pool.submit(task);
    }

    /** The task's result, or its exception (a checked one wrapped) on the waiting thread. */
    static <R> R await(Future<R> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for parallel work", e);
        }
    }

    /** {@code items} cut into consecutive pieces of at most {@code size}: the units of one call each. */
    static <T> List<List<T>> chunks(List<T> items, int size) {
        List<List<T>> chunks = new ArrayList<>();
        for (int i = 0; i < items.size(); i += size) {
            chunks.add(items.subList(i, Math.min(items.size(), i + size)));
        }
        return chunks;
    }
}
