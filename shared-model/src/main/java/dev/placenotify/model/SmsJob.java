package dev.placenotify.model;

import com.fasterxml.jackson.annotation.JsonAlias;
import java.time.Instant;

/**
 * One SMS to send. {@code rule} is the id of the rule that planned it ({@code CONFIRMATION},
 * {@code REMINDER}, {@code EVENT}, or an owner's own); {@code label} is that rule's name in the owners'
 * words ({@code 예약확정}) for the summary lines; {@code customer} is the customer's name already masked
 * ({@code 김*수}). {@code afterKey}, when set, names a job that must be settled first (a reminder planned
 * in the same cycle as its confirmation), because SQS does not keep order. The idempotency key is
 * derived from what the message is for (store, booking, rule, reservation start), never from the run,
 * so a replay or a second planner produces the same key and the sender texts once.
 * {@code notAfter} is the last moment the text still makes sense (a reminder after the reservation
 * started does not); the sender refuses a job past it. {@code recipient} is personal data.
 */
public record SmsJob(Integer schemaVersion, String runId, String storeId, String bookingId,
                     @JsonAlias("kind") String rule, String label, String customer,
                     String recipient, String from, SmsType type, ContentType contentType, String subject,
                     String content, String idempotencyKey, Instant dueAt, Instant notAfter, String afterKey)
        implements RunScoped {
    public SmsJob {
        Required.schemaVersion(schemaVersion);
        Required.field(runId, "runId");
        Required.field(storeId, "storeId");
        Required.field(bookingId, "bookingId");
        Required.field(rule, "rule");
        Required.field(recipient, "recipient");
        Required.field(from, "from");
        Required.field(content, "content");
        Required.field(idempotencyKey, "idempotencyKey");
        Required.field(dueAt, "dueAt");
        Required.field(notAfter, "notAfter");
        type = type == null ? SmsType.SMS : type;
        contentType = contentType == null ? ContentType.COMM : contentType;
        label = label == null || label.isBlank() ? rule : label;
    }

    public JobRef ref() {
        return new JobRef(storeId, bookingId, rule, label, idempotencyKey, type, customer, PersonalData.lastDigits(recipient));
    }

    /** Whether the text is stale at {@code at}: {@code notAfter} itself is already too late. */
    public boolean expiredAt(Instant at) {
        return !at.isBefore(notAfter);
    }

    @Override
    public String toString() {
        return "SmsJob[" + idempotencyKey + " " + rule + " " + type + "/" + contentType + " to="
                + PersonalData.maskPhone(recipient) + "]";
    }
}
