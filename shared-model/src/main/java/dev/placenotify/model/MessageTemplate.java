package dev.placenotify.model;

/** A store's own wording for one message kind; {@code subject} is used when the text needs LMS. */
public record MessageTemplate(String subject, String body) {
    public MessageTemplate {
        Required.field(body, "template.body");
    }
}
