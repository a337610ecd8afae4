package dev.placenotify.planner.rules;

import dev.placenotify.model.Required;
import java.util.List;

/**
 * One rule: when every condition holds for a booking, it sends a text and/or adds a summary line, once
 * (by its key scope). Rules run in {@code priority} order (lower first), which is also the order a
 * customer receives two texts planned in the same cycle. {@code validForMinutes} bounds how long after
 * the cycle its text may still leave, on top of what its conditions imply (see {@link Validity}).
 */
public record Rule(String id, String label, String description, boolean enabled, int priority, List<String> tags,
                   List<Condition> when, SendAction send, NoteAction note, Integer validForMinutes) {
    public static final int DEFAULT_PRIORITY = 100;

    public Rule {
        Required.field(id, "rule.id");
        label = label == null || label.isBlank() ? id : label;
        description = description == null ? "" : description;
        tags = Required.list(tags);
        when = Required.list(when);
        if (send == null && note == null) {
            throw new IllegalArgumentException("rule " + id + " neither sends a text nor adds a note");
        }
    }
}
