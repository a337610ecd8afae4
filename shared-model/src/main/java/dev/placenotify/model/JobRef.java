package dev.placenotify.model;

/** What the notifier needs to know about a job: no recipient, no content. */
public record JobRef(String storeId, String bookingId, MessageKind kind, String idempotencyKey, SmsType type) {
    public JobRef {
        Required.field(storeId, "job.storeId");
        Required.field(kind, "job.kind");
        Required.field(idempotencyKey, "job.idempotencyKey");
    }
}
