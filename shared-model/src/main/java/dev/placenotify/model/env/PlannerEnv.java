package dev.placenotify.model.env;

import java.util.Set;

/**
 * The planner's own environment variables (its live configuration reads {@link AppConfigEnv}); docs/planner.md.
 */
public final class PlannerEnv {
    /** The snapshot queue's DLQ. */
    public static final String SNAPSHOT_DLQ_URL = "SNAPSHOT_DLQ_URL";
    /** Where SMS jobs go. */
    public static final String SMS_QUEUE_URL = "SMS_QUEUE_URL";
    /** Where chunk results go. */
    public static final String RESULT_QUEUE_URL = "RESULT_QUEUE_URL";
    /** The booking state table. */
    public static final String BOOKINGS_TABLE = "BOOKINGS_TABLE";
    /** How long booking state is kept. */
    public static final String STATE_TTL_DAYS = "STATE_TTL_DAYS";
    /** A rule file replacing the bundled default rules. */
    public static final String RULES_FILE = "RULES_FILE";
    /** Retries of a conditional state write that lost a race. */
    public static final String STATE_CONFLICT_RETRIES = "STATE_CONFLICT_RETRIES";
    /** How long a pending mark holds before another planner may take it over. */
    public static final String PENDING_LEASE_SECONDS = "PENDING_LEASE_SECONDS";

    private PlannerEnv() {}

    /** Every name above. */
    public static Set<String> names() {
        return EnvNames.declaredIn(PlannerEnv.class);
    }
}
