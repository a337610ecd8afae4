package dev.placenotify.session;

import java.time.Instant;
import java.util.Optional;

/**
 * The cookie pair of one Naver partner account, as cached in the sessions table ({@link SessionStore}).
 * {@code renewalLeaseUntil} is set while the renewal function logs in (others leave it alone);
 * {@code loginBlocked} says why automated login stopped (captcha, second factor, wrong password, changed page)
 * until an operator imports cookies or runs {@code session renew}; {@code attempts} is the login budget and
 * back-off.
 */
public record NaverSession(String accountId, String nidAut, String nidSes, SessionStatus status,
                           Instant validatedAt, long version, Instant renewalLeaseUntil, String loginBlocked,
                           LoginAttempts attempts) {
    public enum SessionStatus { VALID, EXPIRED }

    public NaverSession {
        attempts = attempts == null ? LoginAttempts.NONE : attempts;
    }

    public NaverSession(String accountId, String nidAut, String nidSes, SessionStatus status, Instant validatedAt,
                        long version) {
        this(accountId, nidAut, nidSes, status, validatedAt, version, null, null, LoginAttempts.NONE);
    }

    public boolean valid() {
        return status == SessionStatus.VALID && nidAut != null && nidSes != null;
    }

    /** A renewer holds an unexpired claim. */
    public boolean renewingAt(Instant now) {
        return renewalLeaseUntil != null && renewalLeaseUntil.isAfter(now);
    }

    /**
     * Why asking for an automated login now would be pointless (blocked, in progress, backing off), or empty
     * when a request should be sent. The hourly budget is the renewal function's to judge.
     */
    public Optional<String> renewalPendingAt(Instant now) {
        if (loginBlocked != null) {
            return Optional.of("automated login is stopped: " + loginBlocked);
        }
        if (renewingAt(now)) {
            return Optional.of("a renewal is in progress (claim until " + renewalLeaseUntil + ")");
        }
        if (attempts.waitingAt(now)) {
            return Optional.of("automated login waits until " + attempts.notBefore() + " after "
                    + attempts.failuresInRow() + " failed attempt(s)");
        }
        return Optional.empty();
    }

    public String cookieHeader() {
        return "NID_AUT=" + nidAut + "; NID_SES=" + nidSes;
    }

    @Override
    public String toString() {
        // The cookies are credentials: never print them.
        return "NaverSession[" + accountId + " " + status + " v" + version + " validatedAt=" + validatedAt
                + (renewalLeaseUntil == null ? "" : " renewingUntil=" + renewalLeaseUntil)
                + (loginBlocked == null ? "" : " loginBlocked") + "]";
    }
}
