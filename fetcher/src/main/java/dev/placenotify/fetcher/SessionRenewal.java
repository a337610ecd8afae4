package dev.placenotify.fetcher;

import dev.placenotify.session.NaverSession;
import java.util.Optional;

/**
 * How an account whose session is missing or expired gets a usable one again: an operator imports fresh cookies
 * (the default), or the session-renewal function logs in with a headless browser (when {@code RENEWAL_QUEUE_URL}
 * is set). Either way a strategy never loops: it returns a usable session, or fails saying what happens next.
 */
public sealed interface SessionRenewal permits OperatorImport, RequestedRenewal {

    /**
     * A usable session for {@code accountId}. {@code seen} is the item as last read: empty when the account has no
     * session at all, otherwise not usable (expired). {@code runId} is the run that needs it (logs, requests).
     */
    NaverSession renew(String runId, String accountId, Optional<NaverSession> seen) throws SessionUnavailableException;

    /** For logs and docs: which strategy is configured. */
    String describe();
}
