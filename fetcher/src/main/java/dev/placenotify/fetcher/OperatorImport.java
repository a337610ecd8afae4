package dev.placenotify.fetcher;

import dev.placenotify.session.NaverSession;
import dev.placenotify.model.AlertCause;
import java.util.Optional;

/**
 * Renewal by a human: the fetcher cannot log in itself, so it fails the fetch and asks for fresh cookies.
 * The operator CLI's {@code session import} writes them into the session item
 * ({@code SessionStore.importCookies}), and the next delivery of the failed fetch (or the next cycle) uses them.
 */
public final class OperatorImport implements SessionRenewal {
    @Override
    public NaverSession renew(String runId, String accountId, Optional<NaverSession> seen) throws SessionUnavailableException {
        if (seen.isEmpty()) {
            throw new SessionUnavailableException(AlertCause.SESSION_EXPIRED, "no Naver session stored for account "
                    + accountId + ": import cookies with the operator CLI ('session import --account " + accountId + "')");
        }
        NaverSession s = seen.get();
        if (s.valid()) {
            return s;
        }
        throw new SessionUnavailableException(AlertCause.SESSION_EXPIRED, "Naver session of account " + accountId
                + " is expired: import fresh cookies with the operator CLI ('session import --account " + accountId + "')");
    }

    @Override
    public String describe() {
        return "operator import";
    }
}
