package dev.placenotify.model;

import java.time.Instant;
import java.util.List;

/** The schedule entry fanned out one fetch per store: these stores are expected in this run. */
public record RunStarted(Integer schemaVersion, String runId, Instant cycleAt, FetchMode mode,
                         List<String> storeIds) implements RunEvent {
    public RunStarted {
        Required.schemaVersion(schemaVersion);
        Required.field(runId, "runId");
        Required.field(cycleAt, "cycleAt");
        mode = mode == null ? FetchMode.NORMAL : mode;
        storeIds = Required.list(storeIds);
    }

    public static RunStarted of(String runId, Instant cycleAt, FetchMode mode, List<String> storeIds) {
        return new RunStarted(Messages.SCHEMA_VERSION, runId, cycleAt, mode, storeIds);
    }
}
