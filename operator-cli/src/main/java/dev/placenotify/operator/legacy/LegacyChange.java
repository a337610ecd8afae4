package dev.placenotify.operator.legacy;

import dev.placenotify.planner.core.BookingState;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

/**
 * What importing one legacy booking does to place-notify's state for it. The legacy's sent texts become
 * planned keys (so the planner never plans them again) and are no longer pending (so a planner that
 * crashed before enqueueing them does not emit them again either). The booking counts as seen from the
 * import on ({@code firstSeenAt}): it was in the legacy's table, so the v2's confirmation sync still owes
 * a confirmation to one the legacy never confirmed, within the reminder lead before its start. The state
 * holds no name or phone number.
 */
public sealed interface LegacyChange {
    /** No state yet: write this one (version 1). */
    record Create(BookingState state) implements LegacyChange {}

    /** A state exists: write {@code after} (version + 1), conditional on {@code before}'s version. */
    record Update(BookingState before, BookingState after, Set<String> addedKeys) implements LegacyChange {
        public Update {
            addedKeys = Set.copyOf(addedKeys);
        }
    }

    /** The state already says everything the legacy item says. */
    record Unchanged(BookingState state) implements LegacyChange {}

    /** The reservation started more than the state TTL ago: its state would already have expired. */
    record TooOld(Instant startAt) implements LegacyChange {}

    /** One legacy booking (its items merged): where, when, and the keys of what the legacy sent. */
    record LegacyBooking(String storeId, String bookingId, Instant startAt, Set<String> sentKeys) {
        public LegacyBooking {
            sentKeys = Set.copyOf(sentKeys);
        }
    }

    /**
     * @param existing the booking's stored state, or null when there is none
     * @param importAt the import's time: the booking's {@code firstSeenAt} unless place-notify saw it earlier
     * @param stateTtl how long a state outlives the reservation's start (the planner's STATE_TTL_DAYS)
     */
    static LegacyChange of(LegacyBooking legacy, BookingState existing, Instant importAt, Duration stateTtl) {
        if (!legacy.startAt().plus(stateTtl).isAfter(importAt)) {
            return new TooOld(legacy.startAt());
        }
        if (existing == null || existing.version() == 0) {
            return new Create(new BookingState(legacy.bookingId(), null, legacy.startAt(), legacy.sentKeys(), Set.of(), 1,
                    legacy.startAt().plus(stateTtl), importAt, null));
        }
        Set<String> planned = new TreeSet<>(existing.plannedKeys());
        planned.addAll(legacy.sentKeys());
        Set<String> pending = new TreeSet<>(existing.pendingKeys());
        pending.removeAll(legacy.sentKeys());
        Instant firstSeen = existing.firstSeenAt() != null ? existing.firstSeenAt() : importAt;
        Instant start = existing.startAt() != null ? existing.startAt() : legacy.startAt();
        Instant expires = existing.expiresAt() != null ? existing.expiresAt() : start.plus(stateTtl);
        if (planned.equals(existing.plannedKeys()) && pending.equals(existing.pendingKeys())
                && firstSeen.equals(existing.firstSeenAt()) && start.equals(existing.startAt())
                && expires.equals(existing.expiresAt())) {
            return new Unchanged(existing);
        }
        Set<String> added = new TreeSet<>(planned);
        added.removeAll(existing.plannedKeys());
        return new Update(existing, new BookingState(existing.bookingId(), existing.status(), start, planned, pending,
                existing.version() + 1, expires, firstSeen, existing.snapshotAt()), added);
    }
}
