package dev.placenotify.model.env;

import java.util.Set;

/**
 * The fetcher's own environment variables (both its entries: schedule and fetch); docs/fetcher.md, "Configuration".
 */
public final class FetcherEnv {
    /** The fetch queue (the schedule entry fans out to it). */
    public static final String FETCH_QUEUE_URL = "FETCH_QUEUE_URL";
    /** The fetch queue's DLQ (undecodable requests). */
    public static final String FETCH_DLQ_URL = "FETCH_DLQ_URL";
    /** Where booking snapshots go. */
    public static final String SNAPSHOT_QUEUE_URL = "SNAPSHOT_QUEUE_URL";
    /** Where run events and alerts go. */
    public static final String RESULT_QUEUE_URL = "RESULT_QUEUE_URL";
    /** The Naver sessions table. */
    public static final String SESSIONS_TABLE = "SESSIONS_TABLE";
    /** The session-renewal queue; unset means no automated renewal. */
    public static final String RENEWAL_QUEUE_URL = "RENEWAL_QUEUE_URL";
    /** How many days ahead a regular fetch reads. */
    public static final String HORIZON_DAYS = "HORIZON_DAYS";
    /** The fetch queue's max receives (a failing store's last attempt). */
    public static final String FETCH_MAX_RECEIVES = "FETCH_MAX_RECEIVES";
    /** The Naver partner API. */
    public static final String NAVER_BASE_URL = "NAVER_BASE_URL";
    /** One Naver request. */
    public static final String NAVER_TIMEOUT_SECONDS = "NAVER_TIMEOUT_SECONDS";
    /** Attempts per Naver request. */
    public static final String NAVER_MAX_ATTEMPTS = "NAVER_MAX_ATTEMPTS";
    /** First back-off between attempts. */
    public static final String NAVER_BACKOFF_SECONDS = "NAVER_BACKOFF_SECONDS";
    /** Pacing per store. */
    public static final String NAVER_REQUESTS_PER_SECOND = "NAVER_REQUESTS_PER_SECOND";
    /** A store's 31-day slices in flight at once. */
    public static final String NAVER_PARALLEL_QUERIES = "NAVER_PARALLEL_QUERIES";
    /** The user agent sent to Naver. */
    public static final String NAVER_USER_AGENT = "NAVER_USER_AGENT";
    /** The account page a login is checked with. */
    public static final String NAVER_SESSION_CHECK_URL = "NAVER_SESSION_CHECK_URL";
    /** Largest snapshot chunk (SQS: 256 KB). */
    public static final String SNAPSHOT_MAX_BYTES = "SNAPSHOT_MAX_BYTES";
    /** Emf or log. */
    public static final String FETCH_METRICS = "FETCH_METRICS";

    private FetcherEnv() {}

    /** Every name above. */
    public static Set<String> names() {
        return EnvNames.declaredIn(FetcherEnv.class);
    }
}
