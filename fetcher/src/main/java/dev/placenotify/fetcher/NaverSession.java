package dev.placenotify.fetcher;

import java.time.Instant;

/**
 * The cookie pair of one Naver partner account, as cached in the sessions table. {@code renewalLeaseUntil}
 * is set while one fetcher renews the session by automated login (others wait for it instead of logging in
 * too); {@code loginBlocked} says why automated login stopped for good (captcha, second factor, rejected
 * credentials) until an operator imports fresh cookies.
 */
public record NaverSession(String accountId, String nidAut, String nidSes, SessionStatus status,
                           Instant validatedAt, long version, Instant renewalLeaseUntil, String loginBlocked) {
    public enum SessionStatus { VALID, EXPIRED }

    public NaverSession(String accountId, String nidAut, String nidSes, SessionStatus status, Instant validatedAt,
                        long version) {
        this(accountId, nidAut, nidSes, status, validatedAt, version, null, null);
    }

    public boolean valid() {
        return status == SessionStatus.VALID && nidAut != null && nidSes != null;
    }

    /** Another fetcher holds an unexpired renewal lease. */
    public boolean renewingAt(Instant now) {
        return renewalLeaseUntil != null && renewalLeaseUntil.isAfter(now);
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
