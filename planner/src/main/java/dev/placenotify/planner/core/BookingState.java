package dev.placenotify.planner.core;

import dev.placenotify.model.Required;
import java.time.Instant;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What the planner remembers about one booking between cycles (one DynamoDB item).
 *
 * @param status      the Naver status code last seen (RC02, RC03, RC04, RC08)
 * @param startAt     the start time last seen
 * @param plannedKeys every idempotency key ever planned for this booking (texts and summary notes),
 *                    including messages skipped because the recipient could not be texted, messages a
 *                    SEED run marked as done, and what the legacy system had sent (legacy import)
 * @param pendingKeys keys planned by the decision that wrote this state and maybe not yet on the queue;
 *                    the shell clears them once the jobs are enqueued
 * @param version     0 for a state never stored; each write stores version + 1, conditional on the version read
 * @param expiresAt   DynamoDB TTL: the start time plus the configured state TTL
 * @param firstSeenAt the cycle that first recorded the booking as confirmed or completed (what the system
 *                    we replace kept in its table); null while it was only requested or cancelled, and
 *                    in items older than the field (those count as seen by their status)
 * @param snapshotAt  when Naver's data behind the last change of this state was read: an older snapshot
 *                    must not change it (a replayed fetch must not undo a cancellation)
 */
public record BookingState(String bookingId, String status, Instant startAt, Set<String> plannedKeys,
                           Set<String> pendingKeys, long version, Instant expiresAt, Instant firstSeenAt,
                           Instant snapshotAt) {

    public BookingState {
        Required.field(bookingId, "bookingId");
        if (version < 0) {
            throw new IllegalArgumentException("booking " + bookingId + ": version must not be negative, was " + version);
        }
        plannedKeys = immutableSorted(plannedKeys);
        pendingKeys = immutableSorted(pendingKeys);
    }

    /** The state a booking never seen before starts from. */
    public static BookingState unseen(String bookingId) {
        return new BookingState(bookingId, null, null, Set.of(), Set.of(), 0, null, null, null);
    }

    /** This state with other pending keys and version (the shell's carry-over and clearing writes). */
    public BookingState withPending(Set<String> pending, long newVersion) {
        return new BookingState(bookingId, status, startAt, plannedKeys, pending, newVersion, expiresAt, firstSeenAt,
                snapshotAt);
    }

    /** Same content, ignoring the version and when the data behind it was read. */
    boolean sameContentAs(BookingState other) {
        return other != null && bookingId.equals(other.bookingId) && Objects.equals(status, other.status)
                && Objects.equals(startAt, other.startAt) && plannedKeys.equals(other.plannedKeys)
                && pendingKeys.equals(other.pendingKeys) && Objects.equals(expiresAt, other.expiresAt)
                && Objects.equals(firstSeenAt, other.firstSeenAt);
    }

    private static SortedSet<String> immutableSorted(Set<String> keys) {
        if (keys == null || keys.isEmpty()) {
            return Collections.emptySortedSet();
        }
        TreeSet<String> copy = new TreeSet<>();
        for (String key : keys) {
            copy.add(Required.field(key, "key"));
        }
        return Collections.unmodifiableSortedSet(copy);
    }
}
