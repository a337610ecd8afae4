package dev.placenotify.bench.sender;

import dev.placenotify.model.ContentType;
import dev.placenotify.model.Messages;
import dev.placenotify.model.SmsJob;
import dev.placenotify.model.SmsType;
import java.time.Instant;

/**
 * Confirmation SmsJobs as the planner emits them, for {@link SenderThroughputHarness}. The same jobs the harness
 * built from the sender tests' {@code Jobs} before it moved here, so its figures compare with the earlier runs.
 */
final class ConfirmationJobs {
    /** 2025-10-22 14:00 KST, the legacy system's first production cycle. */
    static final Instant CYCLE = Instant.parse("2025-10-22T05:00:00Z");
    private static final String RUN_ID = "c20251022T1400";

    private ConfirmationJobs() {}

    static SmsJob confirmation(String storeId, String bookingId, String phone) {
        return new SmsJob(Messages.SCHEMA_VERSION, RUN_ID, storeId, bookingId, "CONFIRMATION", null, null, phone,
                callback(storeId), SmsType.SMS, ContentType.COMM, null,
                "[place] 예약이 확정되었습니다. 예약번호 " + bookingId, storeId + ":" + bookingId + ":CONFIRMATION", CYCLE,
                CYCLE.plusSeconds(86_400), null);
    }

    /** Each store texts from its own number, as in production: one SENS request never mixes stores. */
    static String callback(String storeId) {
        return "031" + String.format("%07d", Math.abs(storeId.hashCode()) % 10_000_000);
    }

    static String phone(int i) {
        return "010" + String.format("%08d", 10_000_000 + i % 90_000_000).substring(0, 8);
    }
}
