package dev.placenotify.fetcher;

import dev.placenotify.model.AlertCause;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renewal by logging in with the account's credentials (Secrets Manager), used only when a login endpoint
 * is configured. Concurrent fetchers of one account never race: each first claims the renewal with a
 * conditional write on the session item's version; the one claim that succeeds logs in, the others re-read
 * the item until the winner's cookies appear (or its lease runs out, or it gives up). A login that needs a
 * human (captcha, second factor, rejected credentials) blocks automated login on the item until an operator
 * imports cookies, so no later fetch tries again and nothing loops.
 */
public final class AutomatedLogin implements SessionRenewal {
    private static final Logger LOG = LoggerFactory.getLogger(AutomatedLogin.class);

    private final SessionStore sessions;
    private final NaverLoginClient login;
    private final Supplier<LoginCredentials> credentials;
    private final Clock clock;
    private final Duration lease;
    private final Duration waitForOther;
    private final Duration pollInterval;

    /**
     * @param lease        how long a claim keeps others waiting; longer than one login attempt, so a crashed
     *                     renewer delays the others by at most this much
     * @param waitForOther how long a fetcher that lost the claim waits for the winner before failing its
     *                     delivery (SQS redelivers it later)
     */
    public AutomatedLogin(SessionStore sessions, NaverLoginClient login, Supplier<LoginCredentials> credentials,
                          Clock clock, Duration lease, Duration waitForOther, Duration pollInterval) {
        this.sessions = sessions;
        this.login = login;
        this.credentials = credentials;
        this.clock = clock;
        this.lease = lease;
        this.waitForOther = waitForOther;
        this.pollInterval = pollInterval;
    }

    @Override
    public NaverSession renew(String accountId, Optional<NaverSession> seen) throws SessionUnavailableException {
        long deadline = System.nanoTime() + waitForOther.toNanos();
        Optional<NaverSession> current = seen;
        while (true) {
            if (current.isPresent() && current.get().valid()) {
                return current.get(); // renewed by another fetcher, or imported by an operator
            }
            if (current.isPresent() && current.get().loginBlocked() != null) {
                throw needsHuman(accountId, current.get().loginBlocked());
            }
            Instant now = clock.instant();
            String owner = UUID.randomUUID().toString();
            OptionalLong claimed = current.isPresent() && current.get().renewingAt(now)
                    ? OptionalLong.empty()
                    : sessions.claimRenewal(accountId, current, owner, now, now.plus(lease));
            if (claimed.isPresent()) {
                return loginAndStore(accountId, claimed.getAsLong());
            }
            if (System.nanoTime() > deadline) {
                throw new SessionUnavailableException(AlertCause.SESSION_EXPIRED, "Naver session of account " + accountId
                        + " is being renewed by another fetcher that did not finish within " + waitForOther
                        + "; this fetch is retried later");
            }
            try {
                Thread.sleep(pollInterval);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SessionUnavailableException(AlertCause.SESSION_EXPIRED, "interrupted while waiting for the"
                        + " renewal of account " + accountId);
            }
            current = sessions.find(accountId);
        }
    }

    private NaverSession loginAndStore(String accountId, long claimedVersion) throws SessionUnavailableException {
        LoginCredentials creds;
        try {
            creds = credentials.get();
        } catch (RuntimeException e) {
            // A configuration problem, not Naver's: give the claim back so a fixed secret is used next time.
            sessions.releaseClaim(accountId, claimedVersion);
            throw new SessionUnavailableException(AlertCause.LOGIN_NEEDS_HUMAN, "automated login for account "
                    + accountId + " cannot read its credentials: " + e.getMessage());
        }
        LOG.info("session of account {} expired: logging in at {}", accountId, login.loginUrl());
        LoginResult result = login.login(creds);
        Instant now = clock.instant();
        switch (result) {
            case LoginResult.LoggedIn in -> {
                if (sessions.replace(accountId, in.nidAut(), in.nidSes(), claimedVersion, now)) {
                    LOG.info("session of account {} renewed by automated login", accountId);
                    return new NaverSession(accountId, in.nidAut(), in.nidSes(), NaverSession.SessionStatus.VALID, now,
                            claimedVersion + 1);
                }
                // An operator imported cookies meanwhile: theirs win.
                Optional<NaverSession> after = sessions.find(accountId);
                if (after.isPresent() && after.get().valid()) {
                    return after.get();
                }
                throw new SessionUnavailableException(AlertCause.SESSION_EXPIRED, "session of account " + accountId
                        + " changed during automated login; this fetch is retried later");
            }
            case LoginResult.NeedsHuman h -> {
                sessions.blockLogin(accountId, claimedVersion, h.reason(), now);
                throw needsHuman(accountId, h.reason());
            }
            case LoginResult.Unavailable u -> {
                sessions.releaseClaim(accountId, claimedVersion);
                throw new SessionUnavailableException(AlertCause.SESSION_EXPIRED, "automated login for account "
                        + accountId + " failed (" + u.reason() + "); this fetch is retried later");
            }
        }
    }

    private static SessionUnavailableException needsHuman(String accountId, String reason) {
        return new SessionUnavailableException(AlertCause.LOGIN_NEEDS_HUMAN, "automated login for account " + accountId
                + " stopped: " + reason + ". Log in by hand and import the cookies with the operator CLI"
                + " ('session import --account " + accountId + "'); automated login resumes after the import");
    }

    @Override
    public String describe() {
        return "automated login at " + login.loginUrl() + " (operator import always works too)";
    }
}
