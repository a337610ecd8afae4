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
 * @param plannedKeys every idempotency key ever planned for this booking, including messages that were
 *                    skipped because the recipient could not be texted (see {@link Planner}) and
 *                    messages a SEED run marked as done
 * @param pendingKeys keys planned by the decision that wrote this state and maybe not yet on the queue;
 *                    the shell clears them ({@link #pendingCleared}) once the jobs are enqueued
 * @param version     0 for a state never stored; each write stores version + 1, conditional on the version read
 * @param expiresAt   DynamoDB TTL: the start time plus the configured state TTL
 */
public record BookingState(String bookingId, String status, Instant startAt, Set<String> plannedKeys,
                           Set<String> pendingKeys, long version, Instant expiresAt) {

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
        return new BookingState(bookingId, null, null, Set.of(), Set.of(), 0, null);
    }

    /**
     * The state to write once this state's pending jobs are on the queue: no pending keys, version + 1
     * (write it on condition that the stored version is still {@code version()}).
     */
    public BookingState pendingCleared() {
        return new BookingState(bookingId, status, startAt, plannedKeys, Set.of(), version + 1, expiresAt);
    }

    /** Same content, ignoring the version. */
    boolean sameContentAs(BookingState other) {
        return other != null && bookingId.equals(other.bookingId) && Objects.equals(status, other.status)
                && Objects.equals(startAt, other.startAt) && plannedKeys.equals(other.plannedKeys)
                && pendingKeys.equals(other.pendingKeys) && Objects.equals(expiresAt, other.expiresAt);
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
