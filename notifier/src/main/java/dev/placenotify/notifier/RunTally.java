package dev.placenotify.notifier;

import dev.placenotify.model.FetchMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything the ledger holds about one run, and the pure rules that say whether it is settled. A run
 * is settled when every expected store is fully planned or has failed for good, and every planned job
 * has an outcome; it is complete when it is settled with no failed store.
 */
public record RunTally(String runId, Instant cycleAt, FetchMode mode, List<String> announcedStores,
                       Map<String, StoreTally> stores, OutcomeCounts outcomes, boolean summarized,
                       Instant deadlineAt) {

    /** The stores the run waits for: those the schedule announced, else (a hand-made fetch) those seen. */
    public List<String> expectedStores() {
        if (!announcedStores.isEmpty()) {
            return announcedStores;
        }
        return new ArrayList<>(stores.keySet());
    }

    public StoreTally store(String storeId) {
        return stores.get(storeId);
    }

    public int plannedJobs() {
        return stores.values().stream().mapToInt(StoreTally::plannedJobs).sum();
    }

    public int pendingJobs() {
        return Math.max(0, plannedJobs() - outcomes.total());
    }

    public List<String> failedStores() {
        return expectedStores().stream().filter(id -> stores.containsKey(id) && stores.get(id).failed()).toList();
    }

    /** Expected stores neither fully planned nor failed: still on their way, or stuck. */
    public List<String> missingStores() {
        return expectedStores().stream()
                .filter(id -> !stores.containsKey(id) || (!stores.get(id).fullyPlanned() && !stores.get(id).failed()))
                .toList();
    }

    public boolean settled() {
        return !expectedStores().isEmpty() && missingStores().isEmpty() && pendingJobs() == 0;
    }

    public boolean complete() {
        return settled() && failedStores().isEmpty();
    }

    public boolean pastDeadline(Instant now) {
        return deadlineAt != null && !now.isBefore(deadlineAt);
    }
}
