package dev.placenotify.model.env;

import java.util.Set;

/**
 * The sender's own environment variables; docs/sender.md, "Configuration".
 */
public final class SenderEnv {
    /** The SMS queue (delayed copies of held jobs go back on it). */
    public static final String SMS_QUEUE_URL = "SMS_QUEUE_URL";
    /** The SMS queue's DLQ. */
    public static final String SMS_DLQ_URL = "SMS_DLQ_URL";
    /** Where outcomes and alerts go. */
    public static final String RESULT_QUEUE_URL = "RESULT_QUEUE_URL";
    /** The idempotency (claims) table. */
    public static final String IDEMPOTENCY_TABLE = "IDEMPOTENCY_TABLE";
    /** The Secrets Manager id of the SENS credentials. */
    public static final String SENS_SECRET_ID = "SENS_SECRET_ID";
    /** The SENS API. */
    public static final String SENS_BASE_URL = "SENS_BASE_URL";
    /** Log instead of calling SENS. */
    public static final String DRY_RUN = "DRY_RUN";
    /** The SMS queue's max receives. */
    public static final String SMS_MAX_RECEIVES = "SMS_MAX_RECEIVES";
    /** Connecting to SENS. */
    public static final String SENS_CONNECT_TIMEOUT_SECONDS = "SENS_CONNECT_TIMEOUT_SECONDS";
    /** The whole SENS answer; past it the outcome is UNKNOWN. */
    public static final String SENS_TIMEOUT_SECONDS = "SENS_TIMEOUT_SECONDS";
    /** Attempts of a retryable SENS request. */
    public static final String SENS_MAX_ATTEMPTS = "SENS_MAX_ATTEMPTS";
    /** First back-off between attempts. */
    public static final String SENS_BACKOFF_SECONDS = "SENS_BACKOFF_SECONDS";
    /** SENS requests in flight per instance. */
    public static final String SENS_PARALLELISM = "SENS_PARALLELISM";
    /** Idempotency-table calls in flight per instance. */
    public static final String DYNAMO_PARALLELISM = "DYNAMO_PARALLELISM";
    /** How long claims are kept. */
    public static final String IDEMPOTENCY_TTL_DAYS = "IDEMPOTENCY_TTL_DAYS";
    /** Delay of a job sent back for later. */
    public static final String RETRY_LATER_SECONDS = "RETRY_LATER_SECONDS";
    /** How long the SENS credentials are cached. */
    public static final String SECRET_MAX_AGE_SECONDS = "SECRET_MAX_AGE_SECONDS";
    /** Time kept back for recording and publishing outcomes. */
    public static final String FINISH_RESERVE_SECONDS = "FINISH_RESERVE_SECONDS";
    /** One DynamoDB or SQS call, retries included. */
    public static final String AWS_CALL_TIMEOUT_SECONDS = "AWS_CALL_TIMEOUT_SECONDS";
    /** How long a job waits for its afterKey. */
    public static final String AFTER_KEY_MAX_WAIT_SECONDS = "AFTER_KEY_MAX_WAIT_SECONDS";

    /** How long a read of SENS's opt-out (080 unsubscribe) list is used before it is read again. */
    public static final String OPTOUT_MAX_AGE_SECONDS = "OPTOUT_MAX_AGE_SECONDS";
    /** Budget guard: texts per store per run, texts per run, estimated cost per store and per run (KRW). */
    public static final String BUDGET_STORE_TEXTS = "BUDGET_STORE_TEXTS";
    public static final String BUDGET_RUN_TEXTS = "BUDGET_RUN_TEXTS";
    public static final String BUDGET_STORE_COST_KRW = "BUDGET_STORE_COST_KRW";
    public static final String BUDGET_RUN_COST_KRW = "BUDGET_RUN_COST_KRW";
    /** Unit prices the budget guard estimates cost with. */
    public static final String SMS_UNIT_PRICE_KRW = "SMS_UNIT_PRICE_KRW";
    public static final String LMS_UNIT_PRICE_KRW = "LMS_UNIT_PRICE_KRW";

    private SenderEnv() {}

    /** Every name above. */
    public static Set<String> names() {
        return EnvNames.declaredIn(SenderEnv.class);
    }
}
