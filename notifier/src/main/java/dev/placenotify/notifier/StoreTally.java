package dev.placenotify.notifier;

import dev.placenotify.model.RunNote;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the ledger knows about one store in one run. {@code notes} are the lines the planner's digest
 * rules added for the summary (counted once per chunk, like the jobs); {@code notesOmitted} those past the
 * per-chunk cap, still counted.
 */
public record StoreTally(String storeId, boolean fetched, String failedReason, int chunkCount, Set<Integer> plannedChunks,
                         Map<String, Integer> bookingsByStatus, Map<String, Integer> plannedByKind,
                         int skippedCount, List<String> skipReasons, List<RunNote> notes, int notesOmitted) {

    public StoreTally(String storeId, boolean fetched, String failedReason, int chunkCount, Set<Integer> plannedChunks,
                      Map<String, Integer> bookingsByStatus, Map<String, Integer> plannedByKind, int skippedCount,
                      List<String> skipReasons) {
        this(storeId, fetched, failedReason, chunkCount, plannedChunks, bookingsByStatus, plannedByKind, skippedCount, skipReasons,
                List.of(), 0);
    }

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
