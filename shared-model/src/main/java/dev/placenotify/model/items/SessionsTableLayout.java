package dev.placenotify.model.items;

import dev.placenotify.model.Topology;

/**
 * The attribute names of the {@code sessions} table, one item per Naver account. What each means, and the
 * conditional writes that keep it consistent, are {@code dev.placenotify.session.SessionStore}'s (its update
 * expressions spell these names); readers such as the operator CLI's {@code status} and {@code session check}
 * take the names from here. No AWS type here.
 */
public final class SessionsTableLayout {
    private SessionsTableLayout() {}

    public static final String ACCOUNT_ID = Topology.SESSIONS.partitionKey();
    public static final String NID_AUT = "nidAut";
    public static final String NID_SES = "nidSes";
    /** {@code VALID} or {@code EXPIRED}. */
    public static final String STATUS = "status";
    /** ISO-8601 instants. */
    public static final String VALIDATED_AT = "validatedAt";
    public static final String EXPIRED_AT = "expiredAt";
    /** Incremented by every write; every write is conditional on it. */
    public static final String VERSION = "version";
    public static final String RENEWAL_OWNER = "renewalOwner";
    /** Epoch milliseconds. */
    public static final String RENEWAL_LEASE_UNTIL = "renewalLeaseUntil";
    public static final String LOGIN_BLOCKED = "loginBlocked";
    /** A list of epoch milliseconds: the login attempts of the last hour. */
    public static final String LOGIN_ATTEMPTS = "loginAttempts";
    public static final String LOGIN_FAILURES = "loginFailures";
    /** Epoch milliseconds; 0 when there is no back-off. */
    public static final String LOGIN_NOT_BEFORE = "loginNotBefore";
    public static final String LAST_LOGIN_ERROR = "lastLoginError";
    public static final String IMPORTED_BY = "importedBy";
    public static final String RENEWED_BY = "renewedBy";
}
