package dev.placenotify.model;

import java.time.Instant;

/**
 * One SMS to send. {@code afterKey}, when set, names a job that must be settled first (a reminder
 * planned in the same cycle as its confirmation), because SQS does not keep order. The idempotency key is derived from what the message is for (store, booking,
 * kind, reservation start), never from the run, so a replay or a second planner produces the same
 * key and the sender texts once. {@code recipient} is personal data.
 */
public record SmsJob(Integer schemaVersion, String runId, String storeId, String bookingId, MessageKind kind,
                     String recipient, String from, SmsType type, ContentType contentType, String subject,
                     String content, String idempotencyKey, Instant dueAt, String afterKey) implements RunScoped {
    public SmsJob {
        Required.schemaVersion(schemaVersion);
        Required.field(runId, "runId");
        Required.field(storeId, "storeId");
        Required.field(bookingId, "bookingId");
        Required.field(kind, "kind");
        Required.field(recipient, "recipient");
        Required.field(from, "from");
        Required.field(content, "content");
        Required.field(idempotencyKey, "idempotencyKey");
        Required.field(dueAt, "dueAt");
        type = type == null ? SmsType.SMS : type;
        contentType = contentType == null ? ContentType.COMM : contentType;
    }

    public JobRef ref() {
        return new JobRef(storeId, bookingId, kind, idempotencyKey, type);
    }

    @Override
    public String toString() {
        return "SmsJob[" + idempotencyKey + " " + kind + " " + type + "/" + contentType + " to="
                + PersonalData.maskPhone(recipient) + "]";
    }
}
