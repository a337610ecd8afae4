package dev.placenotify.model.env;

import java.util.Set;

/**
 * The notifier's own environment variables (both its entries: results and sweep); docs/notifier.md, "Configuration".
 */
public final class NotifierEnv {
    /** The result queue's DLQ. */
    public static final String RESULT_DLQ_URL = "RESULT_DLQ_URL";
    /** The runs table. */
    public static final String RUNS_TABLE = "RUNS_TABLE";
    /** The Telegram Bot API. */
    public static final String TELEGRAM_BASE_URL = "TELEGRAM_BASE_URL";
    /** The Secrets Manager id of the Telegram bot. */
    public static final String TELEGRAM_SECRET_ID = "TELEGRAM_SECRET_ID";
    /** The Secrets Manager id of the Slack webhook. */
    public static final String SLACK_SECRET_ID = "SLACK_SECRET_ID";
    /** When a run is summarized with what arrived. */
    public static final String RUN_DEADLINE_SECONDS = "RUN_DEADLINE_SECONDS";
    /** How long a run without RunStarted waits. */
    public static final String RUN_ANNOUNCE_GRACE_SECONDS = "RUN_ANNOUNCE_GRACE_SECONDS";
    /** When a stalled summary post is taken over. */
    public static final String SUMMARY_CLAIM_TIMEOUT_SECONDS = "SUMMARY_CLAIM_TIMEOUT_SECONDS";
    /** The fetch DLQ, counted in summaries. */
    public static final String FETCH_DLQ_URL = "FETCH_DLQ_URL";
    /** The snapshot DLQ, counted in summaries. */
    public static final String SNAPSHOT_DLQ_URL = "SNAPSHOT_DLQ_URL";
    /** The SMS DLQ, counted in summaries. */
    public static final String SMS_DLQ_URL = "SMS_DLQ_URL";
    /** The session-renewal function's DLQ, counted in summaries. */
    public static final String RENEWAL_DLQ_URL = "RENEWAL_DLQ_URL";
    /** The delivery checks' DLQ, counted in summaries. */
    public static final String DELIVERY_DLQ_URL = "DELIVERY_DLQ_URL";
    /** Least time between two alerts of one kind. */
    public static final String ALERT_INTERVAL_SECONDS = "ALERT_INTERVAL_SECONDS";
    /** One chat post. */
    public static final String POST_TIMEOUT_SECONDS = "POST_TIMEOUT_SECONDS";
    /** Attempts per chat post. */
    public static final String POST_ATTEMPTS = "POST_ATTEMPTS";
    /** Longest Retry-After honoured. */
    public static final String MAX_RETRY_AFTER_SECONDS = "MAX_RETRY_AFTER_SECONDS";
    /** Time for all posts of one summary. */
    public static final String POST_BUDGET_SECONDS = "POST_BUDGET_SECONDS";
    /** Time kept back for recording. */
    public static final String RECORD_RESERVE_SECONDS = "RECORD_RESERVE_SECONDS";
    /** Price of one SMS for the cost line. */
    public static final String SENS_PRICE_SMS_KRW = "SENS_PRICE_SMS_KRW";
    /** Price of one LMS for the cost line. */
    public static final String SENS_PRICE_LMS_KRW = "SENS_PRICE_LMS_KRW";
    /** How long run items are kept. */
    public static final String RUN_TTL_DAYS = "RUN_TTL_DAYS";
    /** How long the chat secrets are cached. */
    public static final String SECRET_MAX_AGE_SECONDS = "SECRET_MAX_AGE_SECONDS";

    private NotifierEnv() {}

    /** Every name above. */
    public static Set<String> names() {
        return EnvNames.declaredIn(NotifierEnv.class);
    }
}
