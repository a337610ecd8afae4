package dev.placenotify.planner.core;

import dev.placenotify.model.ContentType;
import dev.placenotify.model.PersonalData;
import dev.placenotify.model.Required;
import dev.placenotify.model.SmsType;
import java.time.Instant;

/**
 * One SMS the planner decided to send; the shell turns it into an {@code SmsJob} (adding run, store,
 * sender number and due time). {@code recipient} is the normalised mobile number (personal data);
 * {@code customer} the masked name; {@code content} is EUC-KR encodable and within its type's byte
 * limit; {@code subject} is set for LMS only; {@code notAfter} is when the text goes stale.
 * {@code afterKey} names the key that must be sent first: the message planned just before this one for
 * the same booking in the same decision (a REMINDER after its CONFIRMATION), else null.
 */
public record PlannedMessage(String bookingId, String rule, String label, String idempotencyKey, String recipient,
                             String customer, SmsType type, ContentType contentType, String subject, String content,
                             Instant notAfter, String afterKey) {

    public PlannedMessage {
        Required.field(bookingId, "bookingId");
        Required.field(rule, "rule");
        Required.field(idempotencyKey, "idempotencyKey");
        Required.field(recipient, "recipient");
        Required.field(type, "type");
        Required.field(contentType, "contentType");
        Required.field(content, "content");
        Required.field(notAfter, "notAfter");
    }

    @Override
    public String toString() {
        return "PlannedMessage[" + idempotencyKey + " " + type + "/" + contentType + " to="
                + PersonalData.maskPhone(recipient) + (afterKey == null ? "" : " after=" + afterKey) + "]";
    }
}
