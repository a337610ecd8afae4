package dev.placenotify.planner.core;

import dev.placenotify.model.SkippedItem;
import java.util.List;

/**
 * What one {@link Planner#decide} call concluded.
 *
 * @param messages      the SMS to send, per booking in snapshot order, within a booking in rule order
 * @param notes         summary lines of note rules, per booking in snapshot order
 * @param changedStates the states to write (conditional on {@code version() - 1}): states that differ
 *                      from the stored ones, and states whose pending messages are emitted again
 * @param skipped       malformed, duplicated or outdated bookings and texts whose recipient cannot be texted
 */
public record Decision(List<PlannedMessage> messages, List<PlannedNote> notes, List<BookingState> changedStates,
                       List<SkippedItem> skipped) {

    public Decision {
        messages = List.copyOf(messages);
        notes = List.copyOf(notes);
        changedStates = List.copyOf(changedStates);
        skipped = List.copyOf(skipped);
    }

    /** The messages planned for one booking (e.g. to drop them when that booking's state write conflicts). */
    public List<PlannedMessage> messagesFor(String bookingId) {
        return messages.stream().filter(m -> m.bookingId().equals(bookingId)).toList();
    }

    /** The notes planned for one booking. */
    public List<PlannedNote> notesFor(String bookingId) {
        return notes.stream().filter(n -> n.bookingId().equals(bookingId)).toList();
    }
}
