package dev.placenotify.planner.core;

import dev.placenotify.model.RunNote;
import dev.placenotify.model.Required;
import java.util.Set;

/** A summary line a rule planned for a booking (no text to the customer); {@code customer} is masked. */
public record PlannedNote(String bookingId, String rule, String label, String idempotencyKey, String customer,
                          String phoneLast4, String text, Set<RunNote.Channel> channels) {
    public PlannedNote {
        Required.field(bookingId, "bookingId");
        Required.field(rule, "rule");
        Required.field(idempotencyKey, "idempotencyKey");
        channels = Set.copyOf(channels);
    }

    public RunNote toRunNote(String storeId) {
        return new RunNote(rule, label, storeId, bookingId, customer, phoneLast4, text, channels);
    }
}
