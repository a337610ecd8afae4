package dev.placenotify.fetcher;

import dev.placenotify.model.AlertCause;
import dev.placenotify.model.RenewalRequest;
import dev.placenotify.session.NaverSession;
import dev.placenotify.shell.QueuePublisher;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renewal by the session-renewal function (a headless browser logging in with the account's credentials), asked
 * for with a {@link RenewalRequest} on the renewal queue. The fetcher never waits for the login: the store's fetch
 * fails this delivery and SQS delivers it again after the fetch queue's visibility timeout, by which time the
 * renewed cookies are normally stored; the next cycle fetches with them in any case. A login that needs a human,
 * one in progress, or one backing off after a failure is not asked for again, and raises no alert here: the renewal
 * function alerts once when it stops.
 */
public final class RequestedRenewal implements SessionRenewal {
    private static final Logger LOG = LoggerFactory.getLogger(RequestedRenewal.class);

    private final QueuePublisher renewalQueue;
    private final Clock clock;

    public RequestedRenewal(QueuePublisher renewalQueue, Clock clock) {
        this.renewalQueue = renewalQueue;
        this.clock = clock;
    }

    @Override
    public NaverSession renew(String runId, String accountId, Optional<NaverSession> seen)
            throws SessionUnavailableException {
        if (seen.isPresent() && seen.get().valid()) {
            return seen.get();
        }
        Optional<String> pending = seen.flatMap(s -> s.renewalPendingAt(clock.instant()));
        if (pending.isPresent()) {
            boolean blocked = seen.get().loginBlocked() != null;
            throw new SessionUnavailableException(blocked ? AlertCause.LOGIN_NEEDS_HUMAN : AlertCause.SESSION_EXPIRED,
                    "Naver session of account " + accountId + " is expired and " + pending.get()
                            + (blocked ? "; import cookies ('session import --account " + accountId + "') or, once the"
                            + " cause is fixed, run 'session renew --account " + accountId + "'" : "; this fetch is retried"),
                    false);
        }
        renewalQueue.publish(RenewalRequest.of(runId, accountId, "fetcher", false, clock.instant()));
        LOG.info("Naver session of account {} is {}: renewal requested", accountId,
                seen.isEmpty() ? "missing" : "expired");
        throw new SessionUnavailableException(AlertCause.SESSION_EXPIRED, "Naver session of account " + accountId
                + " is " + (seen.isEmpty() ? "missing" : "expired") + ": automated renewal requested; this fetch is"
                + " retried by SQS after the renewal", false);
    }

    @Override
    public String describe() {
        return "the session-renewal function (renewal queue; operator import always works too)";
    }
}
