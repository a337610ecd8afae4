package dev.placenotify.model;

import java.time.Instant;

/**
 * What happened to one job. {@code replayed} marks an outcome re-reported for a key that was already
 * settled (redelivery, DLQ replay): the notifier counts each key once either way.
 */
public record SendOutcome(Integer schemaVersion, String runId, JobRef job, OutcomeStatus status,
                          String providerRequestId, String error, Instant at, Boolean replayed)
        implements RunEvent {
    public SendOutcome {
        Required.schemaVersion(schemaVersion);
        Required.field(runId, "runId");
        Required.field(job, "job");
        Required.field(status, "status");
        Required.field(at, "at");
        replayed = replayed != null && replayed;
    }

    public static SendOutcome of(String runId, JobRef job, OutcomeStatus status, String providerRequestId,
                                 String error, Instant at, boolean replayed) {
        return new SendOutcome(Messages.SCHEMA_VERSION, runId, job, status, providerRequestId, error, at, replayed);
    }
}
