package dev.placenotify.model;

import java.util.List;

/**
 * The planner finished one snapshot chunk: these jobs went to the SMS queue, these bookings were
 * skipped, and these notes go into the run's summary.
 */
public record ChunkPlanned(Integer schemaVersion, String runId, String storeId, Integer chunkIndex,
                           List<JobRef> jobs, List<SkippedItem> skipped, List<RunNote> notes) implements RunEvent {
    public ChunkPlanned {
        Required.schemaVersion(schemaVersion);
        Required.field(runId, "runId");
        Required.field(storeId, "storeId");
        Required.field(chunkIndex, "chunkIndex");
        jobs = Required.list(jobs);
        skipped = Required.list(skipped);
        notes = Required.list(notes);
    }

    public ChunkPlanned(Integer schemaVersion, String runId, String storeId, Integer chunkIndex, List<JobRef> jobs,
                        List<SkippedItem> skipped) {
        this(schemaVersion, runId, storeId, chunkIndex, jobs, skipped, List.of());
    }
}
