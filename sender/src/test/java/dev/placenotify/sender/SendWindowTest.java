package dev.placenotify.sender;

import static org.assertj.core.api.Assertions.assertThat;

import dev.placenotify.model.ContentType;
import dev.placenotify.model.Messages;
import dev.placenotify.model.OutcomeStatus;
import dev.placenotify.model.SmsJob;
import dev.placenotify.model.SmsType;
import java.time.Instant;
import java.time.LocalDateTime;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class SendWindowTest {
    private static final Instant START = TestJobs.CYCLE.plusSeconds(3600); // 15:00 KST

    private static SmsJob withNotAfter(SmsJob j, Instant notAfter) {
        return new SmsJob(j.schemaVersion(), j.runId(), j.storeId(), j.bookingId(), j.rule(), null, null, j.recipient(), j.from(),
                j.type(), j.contentType(), j.subject(), j.content(), j.idempotencyKey(), j.dueAt(), notAfter, j.afterKey());
    }

    private static Instant kst(int hour, int minute, int second) {
        return LocalDateTime.of(2025, 10, 22, hour, minute, second).atZone(Messages.KST).toInstant();
    }

    @Test
    void aJobIsOpenUntilJustBeforeItsNotAfter() {
        SmsJob job = withNotAfter(TestJobs.sms("1", "01012345678", "확정"), START);

        assertThat(SendWindow.closedFor(job, START.minusMillis(1))).isEmpty();
        assertThat(SendWindow.closedFor(job, START)).hasValueSatisfying(c -> {
            assertThat(c.status()).isEqualTo(OutcomeStatus.EXPIRED);
            assertThat(c.reason()).contains("2025-10-22T15:00+09:00").contains("notAfter");
        });
    }

    @Test
    void anAdvertisementAtNineIsSkippedAndStaleBeatsQuietHours() {
        SmsJob ad = withNotAfter(TestJobs.job("2", "01012345678", SmsType.SMS, ContentType.AD, null, "(광고) 이벤트 무료거부 0801234567"),
                kst(23, 0, 0));
        ad = TestJobs.withDueAt(ad, kst(20, 40, 0));

        assertThat(SendWindow.closedFor(ad, kst(20, 59, 59))).isEmpty();
        assertThat(SendWindow.closedFor(ad, kst(21, 0, 0))).hasValueSatisfying(c -> assertThat(c.status()).isEqualTo(OutcomeStatus.SKIPPED));
        assertThat(SendWindow.closedFor(ad, kst(23, 0, 0))).hasValueSatisfying(c -> assertThat(c.status()).isEqualTo(OutcomeStatus.EXPIRED));
    }

    @Property
    void closedExactlyFromNotAfterOn(@ForAll @LongRange(min = -86_400_000, max = 86_400_000) long offsetMillis) {
        SmsJob job = withNotAfter(TestJobs.sms("3", "01012345678", "확정"), START);
        Instant at = START.plusMillis(offsetMillis);

        assertThat(SendWindow.closedFor(job, at).isPresent()).isEqualTo(!at.isBefore(START));
    }
}
