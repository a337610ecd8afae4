package dev.placenotify.model.env;

import java.util.Set;

/**
 * The session-renewal function's own environment variables; docs/fetcher.md, "The session-renewal function".
 */
public final class RenewalEnv {
    /** The renewal queue's DLQ. */
    public static final String RENEWAL_DLQ_URL = "RENEWAL_DLQ_URL";
    /** Where alerts go. */
    public static final String RESULT_QUEUE_URL = "RESULT_QUEUE_URL";
    /** The Naver sessions table. */
    public static final String SESSIONS_TABLE = "SESSIONS_TABLE";
    /** The Secrets Manager id of the Naver login. */
    public static final String NAVER_LOGIN_SECRET_ID = "NAVER_LOGIN_SECRET_ID";
    /** The renewal queue's max receives. */
    public static final String RENEWAL_MAX_RECEIVES = "RENEWAL_MAX_RECEIVES";
    /** The browser binary. */
    public static final String CHROMIUM_PATH = "CHROMIUM_PATH";
    /** The driver binary. */
    public static final String CHROMEDRIVER_PATH = "CHROMEDRIVER_PATH";
    /** Extra browser switches. */
    public static final String CHROMIUM_EXTRA_ARGS = "CHROMIUM_EXTRA_ARGS";
    /** The login form. */
    public static final String NAVER_LOGIN_URL = "NAVER_LOGIN_URL";
    /** The account page a login is checked with. */
    public static final String NAVER_SESSION_CHECK_URL = "NAVER_SESSION_CHECK_URL";
    /** The user agent the browser sends. */
    public static final String NAVER_USER_AGENT = "NAVER_USER_AGENT";
    /** One login page. */
    public static final String LOGIN_PAGE_TIMEOUT_SECONDS = "LOGIN_PAGE_TIMEOUT_SECONDS";
    /** Login budget. */
    public static final String LOGIN_MAX_ATTEMPTS_PER_HOUR = "LOGIN_MAX_ATTEMPTS_PER_HOUR";
    /** First back-off after a failed login. */
    public static final String LOGIN_BACKOFF_SECONDS = "LOGIN_BACKOFF_SECONDS";
    /** Longest back-off. */
    public static final String LOGIN_BACKOFF_MAX_SECONDS = "LOGIN_BACKOFF_MAX_SECONDS";
    /** How long a renewal claim holds. */
    public static final String RENEWAL_LEASE_SECONDS = "RENEWAL_LEASE_SECONDS";

    private RenewalEnv() {}

    /** Every name above. */
    public static Set<String> names() {
        return EnvNames.declaredIn(RenewalEnv.class);
    }
}
