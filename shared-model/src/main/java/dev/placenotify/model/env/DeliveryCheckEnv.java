package dev.placenotify.model.env;

import java.util.Set;

/**
 * The delivery checks' own environment variables (the delivery-check function, and the sender, which enqueues the
 * first look); docs/sender.md, "Delivery results". The function also reads {@link SenderEnv#RESULT_QUEUE_URL},
 * {@link SenderEnv#IDEMPOTENCY_TABLE}, {@link SenderEnv#SENS_SECRET_ID}, {@link SenderEnv#SENS_BASE_URL} and
 * {@link SenderEnv#SECRET_MAX_AGE_SECONDS}.
 */
public final class DeliveryCheckEnv {
    /** The delivery queue: first looks (from the sender) and every next look. */
    public static final String DELIVERY_QUEUE_URL = "DELIVERY_QUEUE_URL";
    /** Its DLQ (an undecodable check goes there with its reason). */
    public static final String DELIVERY_DLQ_URL = "DELIVERY_DLQ_URL";
    /** Seconds after a send before its first look. */
    public static final String DELIVERY_FIRST_CHECK_SECONDS = "DELIVERY_FIRST_CHECK_SECONDS";
    /** Longest interval between two looks (back-off ceiling). */
    public static final String DELIVERY_CHECK_MAX_INTERVAL_SECONDS = "DELIVERY_CHECK_MAX_INTERVAL_SECONDS";
    /** After this long since the send a result still pending is given up. */
    public static final String DELIVERY_CHECK_DEADLINE_SECONDS = "DELIVERY_CHECK_DEADLINE_SECONDS";
    /** Deadline of one SENS lookup call. */
    public static final String SENS_LOOKUP_TIMEOUT_SECONDS = "SENS_LOOKUP_TIMEOUT_SECONDS";
    /** How far before an UNKNOWN outcome the evidence search starts. */
    public static final String EVIDENCE_LOOK_BACK_SECONDS = "EVIDENCE_LOOK_BACK_SECONDS";
    /** How long SENS must list nothing before an UNKNOWN send is proven absent. */
    public static final String EVIDENCE_WINDOW_SECONDS = "EVIDENCE_WINDOW_SECONDS";
    /** Lookups at once per invocation. */
    public static final String DELIVERY_CHECK_PARALLELISM = "DELIVERY_CHECK_PARALLELISM";

    private DeliveryCheckEnv() {}

    /** Every name above. */
    public static Set<String> names() {
        return EnvNames.declaredIn(DeliveryCheckEnv.class);
    }
}
