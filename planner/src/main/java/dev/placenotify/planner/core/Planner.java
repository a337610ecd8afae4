package dev.placenotify.planner.core;

import dev.placenotify.model.Booking;
import dev.placenotify.model.FetchMode;
import dev.placenotify.model.SkippedItem;
import dev.placenotify.model.StoreSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The planner's decision: which SMS each booking of one store needs in one cycle, and what to remember.
 * A pure function of its arguments: no clock, no I/O.
 *
 * <p>The rules are in {@link MessageRules}; this class adds the memory. A message is planned when it
 * is due and its idempotency key is not in the booking's {@code plannedKeys}, or when its key is still
 * pending from a previous decision (that decision's state was written, its jobs perhaps never enqueued):
 * pending messages are emitted again, re-rendered, as long as they are still due; a pending key no longer
 * due (booking cancelled, moved, started, or the evening window over) is dropped from both pending and
 * planned keys, so it may be planned afresh should it become due again (the sender's idempotency on the
 * same key covers the case where it had reached the queue after all).
 *
 * <p>Choices the spec left open:
 * <ul>
 *   <li>A message whose recipient is not a Korean mobile number is not planned, reported as a
 *       {@link SkippedItem} and its key is recorded as planned anyway: the skip is reported once per
 *       message, not every cycle, and a number corrected later does not revive that message.</li>
 *   <li>SEED records every valid booking and marks as planned what would have been planned now, emits
 *       nothing, reports no recipient skips (nothing was going to be sent) and leaves pending keys as
 *       they were, so a normal cycle still finishes a crashed one.</li>
 *   <li>A CONFIRMATION is due whenever a booking is confirmed, its start is ahead and none was planned:
 *       a booking first seen after its start gets none, but if it is later moved into the future it gets
 *       its first confirmation then (not a RESCHEDULE notice, which needs an earlier confirmation).</li>
 *   <li>A CANCELLATION or RESCHEDULE notice needs a confirmation planned in an earlier decision (not
 *       merely pending).</li>
 *   <li>{@code changedStates} also holds a state whose only news is that its pending messages are
 *       emitted again (written with version + 1), so the shell's conditional write claims them exactly
 *       like new messages and clears them after enqueueing.</li>
 *   <li>Several messages for one booking in one decision are chained: each names the one before it as
 *       {@code afterKey}.</li>
 * </ul>
 */
public final class Planner {
    private Planner() {}

    /** How long a booking's state outlives its start when no other TTL is configured. */
    public static final Duration DEFAULT_STATE_TTL = Duration.ofDays(30);

    /**
     * Decides one store's snapshot (or one chunk of it).
     *
     * @param now      the cycle's scheduled time
     * @param mode     NORMAL plans messages; SEED only records state (null means NORMAL)
     * @param bookings the snapshot, possibly with malformed or duplicated entries
     * @param stored   bookingId → state read from DynamoDB; absent for a booking never stored
     * @param stateTtl how long a state is kept after the reservation's start
     */
    public static Decision decide(Instant now, StoreSettings store, FetchMode mode, List<Booking> bookings,
                                  Map<String, BookingState> stored, Duration stateTtl) {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(stateTtl, "stateTtl");
        boolean seed = mode == FetchMode.SEED;
        List<Booking> snapshot = bookings == null ? List.of() : bookings;
        Map<String, BookingState> states = stored == null ? Map.of() : stored;
        MessageRules.Cycle cycle = new MessageRules.Cycle(now, store, stateTtl);
        Map<String, Integer> lastIndex = lastIndexById(snapshot);

        List<PlannedMessage> messages = new ArrayList<>();
        List<BookingState> changed = new ArrayList<>();
        List<SkippedItem> skipped = new ArrayList<>();
        for (int i = 0; i < snapshot.size(); i++) {
            Booking booking = snapshot.get(i);
            if (hasId(booking) && lastIndex.get(booking.bookingId()) != i) {
                skipped.add(new SkippedItem(booking.bookingId(),
                        "duplicate bookingId in snapshot: this entry ignored, a later one is used"));
                continue;
            }
            switch (ValidatedBooking.of(booking)) {
                case ValidatedBooking.Malformed m -> skipped.add(new SkippedItem(m.bookingId(), m.reason()));
                case ValidatedBooking.Valid v -> {
                    BookingDecision d = decideBooking(cycle, seed, v, states.get(v.bookingId()));
                    messages.addAll(d.messages());
                    skipped.addAll(d.skipped());
                    if (d.changedState() != null) {
                        changed.add(d.changedState());
                    }
                }
            }
        }
        return new Decision(messages, changed, skipped);
    }

    /** One booking's share of a decision; {@code changedState} is null when nothing needs writing. */
    record BookingDecision(List<PlannedMessage> messages, BookingState changedState, List<SkippedItem> skipped) {}

    static BookingDecision decideBooking(MessageRules.Cycle cycle, boolean seed, ValidatedBooking.Valid booking,
                                         BookingState stored) {
        BookingState before = stored == null || stored.version() == 0 ? null : stored;
        Set<String> pending = before == null ? Set.of() : before.pendingKeys();
        Set<String> planned = new LinkedHashSet<>(pending);
        if (before != null) {
            planned.addAll(before.plannedKeys());
        }
        List<MessageRules.Due> toPlan = MessageRules.due(cycle, booking, before, planned, pending).stream()
                .filter(d -> !planned.contains(d.key()) || pending.contains(d.key()))
                .toList();
        List<String> keys = toPlan.stream().map(MessageRules.Due::key).toList();

        List<PlannedMessage> messages = new ArrayList<>();
        List<SkippedItem> skipped = new ArrayList<>();
        Set<String> newPlanned = new LinkedHashSet<>(planned);
        Set<String> newPending;
        if (seed) {
            newPending = pending;
        } else {
            pending.stream().filter(k -> !keys.contains(k)).forEach(newPlanned::remove);
            newPending = plan(cycle, booking, toPlan, messages, skipped);
        }
        newPlanned.addAll(keys);

        long version = before == null ? 1 : before.version() + 1;
        BookingState next = new BookingState(booking.bookingId(), booking.status().code(), booking.booking().startAt(),
                newPlanned, newPending, version, booking.booking().startAt().plus(cycle.stateTtl()));
        boolean write = before == null || !next.sameContentAs(before) || !messages.isEmpty();
        return new BookingDecision(messages, write ? next : null, skipped);
    }

    /** Renders {@code toPlan} for the booking's recipient; returns the keys now pending. */
    private static Set<String> plan(MessageRules.Cycle cycle, ValidatedBooking.Valid booking, List<MessageRules.Due> toPlan,
                                    List<PlannedMessage> messages, List<SkippedItem> skipped) {
        if (toPlan.isEmpty()) {
            return Set.of();
        }
        Booking b = booking.booking();
        switch (KoreanMobileNumber.parse(b.phone())) {
            case KoreanMobileNumber.NotMobile rejected -> {
                toPlan.forEach(d -> skipped.add(new SkippedItem(b.bookingId(),
                        d.kind() + " not sent: " + rejected.reason())));
                return Set.of();
            }
            case KoreanMobileNumber.Mobile mobile -> {
                String after = null;
                Set<String> pending = new LinkedHashSet<>();
                for (MessageRules.Due d : toPlan) {
                    MessageRenderer.Rendered text = MessageRenderer.render(d.kind(), cycle.store(), b);
                    messages.add(new PlannedMessage(b.bookingId(), d.kind(), d.key(), mobile.digits(), text.type(),
                            text.contentType(), text.subject(), text.content(), after));
                    pending.add(d.key());
                    after = d.key();
                }
                return pending;
            }
        }
    }

    private static Map<String, Integer> lastIndexById(List<Booking> snapshot) {
        Map<String, Integer> last = new HashMap<>();
        for (int i = 0; i < snapshot.size(); i++) {
            Booking b = snapshot.get(i);
            if (hasId(b)) {
                last.put(b.bookingId(), i);
            }
        }
        return last;
    }

    private static boolean hasId(Booking b) {
        return b != null && b.bookingId() != null && !b.bookingId().isBlank();
    }
}
