package dev.placenotify.planner.core;

import dev.placenotify.model.ContentType;
import dev.placenotify.model.MessageKind;
import dev.placenotify.model.PersonalData;
import dev.placenotify.model.Required;
import dev.placenotify.model.SmsType;

/**
 * One SMS the planner decided to send; the shell turns it into an {@code SmsJob} (adding run, store,
 * sender number and due time). {@code recipient} is the normalised mobile number (personal data);
 * {@code content} is EUC-KR encodable and within its type's byte limit; {@code subject} is set for LMS only.
 * {@code afterKey} names the key that must be sent first: the message planned just before this one for
 * the same booking in the same decision (a REMINDER after its CONFIRMATION, or after a RESCHEDULE
 * notice), else null.
 */
public record PlannedMessage(String bookingId, MessageKind kind, String idempotencyKey, String recipient,
                             SmsType type, ContentType contentType, String subject, String content,
                             String afterKey) {

    public PlannedMessage {
        Required.field(bookingId, "bookingId");
        Required.field(kind, "kind");
        Required.field(idempotencyKey, "idempotencyKey");
        Required.field(recipient, "recipient");
        Required.field(type, "type");
        Required.field(contentType, "contentType");
        Required.field(content, "content");
    }

    @Override
    public String toString() {
        return "PlannedMessage[" + idempotencyKey + " " + kind + " " + type + "/" + contentType + " to="
                + PersonalData.maskPhone(recipient) + (afterKey == null ? "" : " after=" + afterKey) + "]";
    }
}
