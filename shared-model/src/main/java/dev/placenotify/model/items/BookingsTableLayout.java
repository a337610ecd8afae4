package dev.placenotify.model.items;

import dev.placenotify.model.Topology;

/**
 * The item layout of the {@code bookings} table: the planner's state of one booking (no name, no phone), read by
 * the operator CLI's {@code history}, {@code rules preview} and {@code legacy import}. No AWS type here.
 */
public final class BookingsTableLayout {
    private BookingsTableLayout() {}

    public static final String STORE_ID = Topology.BOOKINGS.partitionKey();
    public static final String BOOKING_ID = Topology.BOOKINGS.sortKey();
    /** Epoch seconds after which DynamoDB removes the item. */
    public static final String EXPIRES_AT = Topology.BOOKINGS.ttlAttribute();
    /** The Naver status the booking was last decided from ({@code RC03}, …). */
    public static final String STATUS = "status";
    /** ISO-8601 instants. */
    public static final String START_AT = "startAt";
    public static final String FIRST_SEEN_AT = "firstSeenAt";
    public static final String SNAPSHOT_AT = "snapshotAt";
    /** Epoch milliseconds: when the pending keys were claimed (their lease runs from here). */
    public static final String PENDING_AT = "pendingAt";
    /** String sets of idempotency keys: texts planned (handed to the sender) and still being planned. */
    public static final String PLANNED_KEYS = "plannedKeys";
    public static final String PENDING_KEYS = "pendingKeys";
    /** The conditional-write counter. */
    public static final String VERSION = "version";
}
