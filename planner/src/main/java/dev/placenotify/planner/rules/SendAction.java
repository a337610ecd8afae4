package dev.placenotify.planner.rules;

import dev.placenotify.model.ContentType;
import dev.placenotify.model.Required;

/**
 * A rule's SMS: the template to render (the store's own of that name, else the rule set's shared one),
 * COMM or AD (AD gets the "(광고)" frame, the opt-out line and quiet hours), and what "once" means.
 */
public record SendAction(String template, ContentType contentType, KeyScope key) {
    public SendAction {
        Required.field(template, "send.template");
        contentType = contentType == null ? ContentType.COMM : contentType;
        key = key == null ? KeyScope.BOOKING : key;
    }
}
