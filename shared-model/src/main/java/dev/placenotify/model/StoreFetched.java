package dev.placenotify.model;

import java.util.List;
import java.util.Map;

/** A store's bookings were fetched and published as {@code chunkCount} snapshot chunks. */
public record StoreFetched(Integer schemaVersion, String runId, String storeId, Integer chunkCount,
                           Map<String, Integer> bookingsByStatus, List<SkippedItem> skipped,
                           Long durationMillis, Integer pages) implements RunEvent {
    public StoreFetched {
        Required.schemaVersion(schemaVersion);
        Required.field(runId, "runId");
        Required.field(storeId, "storeId");
        Required.field(chunkCount, "chunkCount");
        bookingsByStatus = Required.map(bookingsByStatus);
        skipped = Required.list(skipped);
    }
}
