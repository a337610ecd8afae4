package dev.placenotify.sender;

import dev.placenotify.model.ContentType;
import dev.placenotify.model.Messages;
import dev.placenotify.model.SmsJob;
import dev.placenotify.model.SmsType;
import java.time.Instant;

/** SmsJobs as the planner emits them, for the sender's tests. */
final class Jobs {
    /** 2025-10-22 14:00 KST, the legacy system's first production cycle. */
    static final Instant CYCLE = Instant.parse("2025-10-22T05:00:00Z");
    static final String RUN_ID = "c20251022T1400";

    private Jobs() {}

    static SmsJob confirmation(String storeId, String bookingId, String phone) {
        return new SmsJob(Messages.SCHEMA_VERSION, RUN_ID, storeId, bookingId, "CONFIRMATION", null, null, phone,
                callback(storeId), SmsType.SMS, ContentType.COMM, null,
                "[place] 예약이 확정되었습니다. 예약번호 " + bookingId, storeId + ":" + bookingId + ":CONFIRMATION", CYCLE, CYCLE.plusSeconds(86_400), null);
    }

    static SmsJob reminderAfter(SmsJob confirmation) {
        String key = confirmation.storeId() + ":" + confirmation.bookingId() + ":REMINDER:2025-10-22T06:30:00Z";
        return new SmsJob(Messages.SCHEMA_VERSION, RUN_ID, confirmation.storeId(), confirmation.bookingId(), "REMINDER", null, null, confirmation.recipient(), confirmation.from(), SmsType.SMS, ContentType.COMM, null,
                "[place] 곧 예약 시간입니다. 예약번호 " + confirmation.bookingId(), key, CYCLE, CYCLE.plusSeconds(86_400), confirmation.idempotencyKey());
    }

    static SmsJob eventAd(String storeId, String bookingId, String phone, Instant dueAt) {
        return new SmsJob(Messages.SCHEMA_VERSION, RUN_ID, storeId, bookingId, "EVENT", null, null, phone, callback(storeId),
                SmsType.SMS, ContentType.AD, null, "(광고) 오늘 방문 감사 이벤트 무료거부 0801234567",
                storeId + ":" + bookingId + ":EVENT:2025-10-22", dueAt, dueAt.plusSeconds(86_400), null);
    }

    /** The same job with another validity bound. */
    static SmsJob withNotAfter(SmsJob j, Instant notAfter) {
        return new SmsJob(j.schemaVersion(), j.runId(), j.storeId(), j.bookingId(), j.rule(), j.label(), j.customer(), j.recipient(),
                j.from(), j.type(), j.contentType(), j.subject(), j.content(), j.idempotencyKey(), j.dueAt(), notAfter, j.afterKey());
    }

    /** Each store texts from its own registered number. */
    static String callback(String storeId) {
        return "031" + String.format("%07d", Math.abs(storeId.hashCode()) % 10_000_000);
    }

    static String phone(int i) {
        return "010" + String.format("%08d", 10_000_000 + i % 90_000_000).substring(0, 8);
    }
}
