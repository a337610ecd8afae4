package dev.placenotify.notifier;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the ledger knows about one store in one run. */
public record StoreTally(String storeId, boolean fetched, String failedReason, int chunkCount, Set<Integer> plannedChunks,
                         Map<String, Integer> bookingsByStatus, Map<String, Integer> plannedByKind,
                         int skippedCount, List<String> skipReasons) {

    public boolean failed() {
        return failedReason != null && !fullyPlanned();
    }

    public boolean fullyPlanned() {
        return fetched && plannedChunks.size() >= chunkCount;
    }

    public int plannedJobs() {
        return plannedByKind.values().stream().mapToInt(Integer::intValue).sum();
    }
}
