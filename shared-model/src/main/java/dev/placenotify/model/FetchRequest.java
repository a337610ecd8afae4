package dev.placenotify.model;

import java.time.Instant;

/**
 * One store's fetch for one run. {@code cycleAt} is the run's scheduled time: every later stage takes
 * it as "now", so a replayed or backfilled message is judged against the cycle it belongs to.
 */
public record FetchRequest(Integer schemaVersion, String runId, String storeId, DateWindow window,
                           FetchMode mode, Instant cycleAt) implements RunScoped {
    public FetchRequest {
        Required.schemaVersion(schemaVersion);
        Required.field(runId, "runId");
        Required.field(storeId, "storeId");
        Required.field(window, "window");
        Required.field(cycleAt, "cycleAt");
        mode = mode == null ? FetchMode.NORMAL : mode;
    }

    public static FetchRequest of(String runId, String storeId, DateWindow window, FetchMode mode, Instant cycleAt) {
        return new FetchRequest(Messages.SCHEMA_VERSION, runId, storeId, window, mode, cycleAt);
    }
}
