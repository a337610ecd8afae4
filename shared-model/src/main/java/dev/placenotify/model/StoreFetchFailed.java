package dev.placenotify.model;

/** A store's fetch failed for the last time and went to the fetch DLQ. */
public record StoreFetchFailed(Integer schemaVersion, String runId, String storeId, String reason)
        implements RunEvent {
    public StoreFetchFailed {
        Required.schemaVersion(schemaVersion);
        Required.field(runId, "runId");
        Required.field(storeId, "storeId");
        Required.field(reason, "reason");
    }
}
