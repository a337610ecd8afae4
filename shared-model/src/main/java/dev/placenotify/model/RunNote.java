package dev.placenotify.model;

import java.util.Set;

/**
 * A line a rule adds to the run's summary without texting anyone (the v2's Slack digests, e.g. the
 * bookings with an expert-retouch option). {@code customer} is already masked; {@code text} is the
 * rule's rendered line and must not hold a full phone number.
 */
public record RunNote(String rule, String label, String storeId, String bookingId, String customer,
                      String phoneLast4, String text, Set<Channel> channels) {
    /** Where a note goes. */
    public enum Channel { TELEGRAM, SLACK }

    public RunNote {
        Required.field(rule, "note.rule");
        Required.field(storeId, "note.storeId");
        label = label == null || label.isBlank() ? rule : label;
        text = text == null ? "" : text;
        channels = channels == null || channels.isEmpty() ? Set.of(Channel.SLACK) : Set.copyOf(channels);
    }
}
