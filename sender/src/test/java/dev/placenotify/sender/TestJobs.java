package dev.placenotify.sender;

import dev.placenotify.model.ContentType;
import dev.placenotify.model.Messages;
import dev.placenotify.model.SmsJob;
import dev.placenotify.model.SmsType;
import java.time.Instant;

/** SmsJobs for tests: a valid SMS confirmation unless changed. */
final class TestJobs {
    static final Instant CYCLE = Instant.parse("2025-10-22T05:00:00Z"); // 14:00 KST

    private TestJobs() {}

    static SmsJob sms(String bookingId, String recipient, String content) {
        return job(bookingId, recipient, SmsType.SMS, ContentType.COMM, null, content);
    }

    static SmsJob job(String bookingId, String recipient, SmsType type, ContentType contentType, String subject, String content) {
        return new SmsJob(Messages.SCHEMA_VERSION, "c20251022T1400", "1051707", bookingId, "CONFIRMATION", null, null,
                recipient, "0312345678", type, contentType, subject, content, "1051707:" + bookingId + ":CONFIRMATION",
                CYCLE, CYCLE.plusSeconds(86_400), null);
    }

    static SmsJob withDueAt(SmsJob j, Instant dueAt) {
        return new SmsJob(j.schemaVersion(), j.runId(), j.storeId(), j.bookingId(), j.rule(), null, null, j.recipient(), j.from(),
                j.type(), j.contentType(), j.subject(), j.content(), j.idempotencyKey(), dueAt, j.notAfter(), j.afterKey());
    }
}
