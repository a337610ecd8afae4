package dev.placenotify.model;

import java.time.Instant;

/** An immediate alert; {@code subject} scopes throttling (an account, a queue), {@code detail} carries no personal data. */
public record Alert(Integer schemaVersion, String runId, AlertCause cause, String subject, String detail, Instant at)
        implements RunEvent {
    public Alert {
        Required.schemaVersion(schemaVersion);
        Required.field(runId, "runId");
        Required.field(cause, "cause");
        Required.field(detail, "detail");
        Required.field(at, "at");
        subject = subject == null ? "" : subject;
    }

    public static Alert of(String runId, AlertCause cause, String subject, String detail, Instant at) {
        return new Alert(Messages.SCHEMA_VERSION, runId, cause, subject, detail, at);
    }
}
