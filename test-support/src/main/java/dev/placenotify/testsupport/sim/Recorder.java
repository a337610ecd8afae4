package dev.placenotify.testsupport.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Thread-safe, append-only list of what a simulator received. Appends are O(1) (benchmarks record
 * thousands of items) and readers get a snapshot.
 */
final class Recorder<T> {
    private final List<T> items = new ArrayList<>();

    synchronized void add(T item) {
        items.add(item);
    }

    synchronized List<T> snapshot() {
        return List.copyOf(items);
    }

    synchronized long count(Predicate<? super T> filter) {
        return items.stream().filter(filter).count();
    }

    synchronized int size() {
        return items.size();
    }

    synchronized void clear() {
        items.clear();
    }
}
