package dev.placenotify.fetcher;

import java.time.Instant;

/** The cookie pair of one Naver partner account, as cached in the sessions table. */
public record NaverSession(String accountId, String nidAut, String nidSes, SessionStatus status,
                           Instant validatedAt, long version) {
    public enum SessionStatus { VALID, EXPIRED }

    public String cookieHeader() {
        return "NID_AUT=" + nidAut + "; NID_SES=" + nidSes;
    }

    @Override
    public String toString() {
        return "NaverSession[" + accountId + " " + status + " validatedAt=" + validatedAt + "]";
    }
}
