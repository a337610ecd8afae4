package dev.placenotify.model;

import java.time.Instant;

/**
 * Asks the session-renewal function to log the account in again (renewal queue). The fetcher sends it when it
 * finds the account's session expired; {@code ./operator session renew} sends it with {@code force} (log in even
 * though the stored session looks valid, and ignore the back-off an earlier failure set). Any number of requests
 * for one account may be in flight: the renewal function's claim on the session item lets one login happen.
 */
public record RenewalRequest(Integer schemaVersion, String runId, String accountId, String requestedBy,
                             Boolean force, Instant requestedAt) implements RunScoped {
    public RenewalRequest {
        Required.schemaVersion(schemaVersion);
        Required.field(runId, "runId");
        Required.field(accountId, "accountId");
        Required.field(requestedAt, "requestedAt");
        requestedBy = requestedBy == null ? "unknown" : requestedBy;
        force = force != null && force;
    }

    public static RenewalRequest of(String runId, String accountId, String requestedBy, boolean force, Instant at) {
        return new RenewalRequest(Messages.SCHEMA_VERSION, runId, accountId, requestedBy, force, at);
    }

    public boolean forced() {
        return force;
    }
}
