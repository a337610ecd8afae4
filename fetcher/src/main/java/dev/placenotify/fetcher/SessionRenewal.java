package dev.placenotify.fetcher;

import java.util.Optional;

/**
 * How an account whose session is missing or expired gets a usable one again. The fetcher has two
 * strategies: an operator imports fresh cookies (always available, the default), or an automated login
 * with credentials from Secrets Manager (only when configured). Either way a strategy never loops: it
 * returns a session, or fails with the alert an operator needs.
 */
public sealed interface SessionRenewal permits OperatorImport, AutomatedLogin {

    /**
     * A usable session for {@code accountId}. {@code seen} is the item as last read: empty when the
     * account has no session at all, otherwise not usable (expired).
     */
    NaverSession renew(String accountId, Optional<NaverSession> seen) throws SessionUnavailableException;

    /** For logs and docs: which strategy is configured. */
    String describe();
}
