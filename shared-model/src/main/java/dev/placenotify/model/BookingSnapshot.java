package dev.placenotify.model;

import java.time.Instant;
import java.util.List;

/**
 * One chunk of one store's bookings for a run. Large stores are split so every SQS message stays
 * under 256 KB; each chunk can be planned on its own.
 */
public record BookingSnapshot(Integer schemaVersion, String runId, String storeId, Instant cycleAt,
                              Instant fetchedAt, FetchMode mode, DateWindow window, Integer chunkIndex,
                              Integer chunkCount, List<Booking> bookings, List<SkippedItem> skipped) implements RunScoped {
    public BookingSnapshot {
        Required.schemaVersion(schemaVersion);
        Required.field(runId, "runId");
        Required.field(storeId, "storeId");
        Required.field(cycleAt, "cycleAt");
        Required.field(fetchedAt, "fetchedAt");
        Required.field(window, "window");
        mode = mode == null ? FetchMode.NORMAL : mode;
        chunkIndex = chunkIndex == null ? 0 : chunkIndex;
        chunkCount = chunkCount == null ? 1 : chunkCount;
        if (chunkIndex < 0 || chunkIndex >= chunkCount) {
            throw new IllegalArgumentException("chunkIndex " + chunkIndex + " outside 0.." + (chunkCount - 1));
        }
        bookings = Required.list(bookings);
        skipped = Required.list(skipped);
    }
}
