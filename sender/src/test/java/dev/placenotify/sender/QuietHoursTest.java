package dev.placenotify.sender;

import static org.assertj.core.api.Assertions.assertThat;

import dev.placenotify.model.ContentType;
import dev.placenotify.model.Messages;
import dev.placenotify.model.SmsJob;
import dev.placenotify.model.SmsType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class QuietHoursTest {
    private static final LocalDate DAY = LocalDate.of(2025, 10, 22);

    private static Instant kst(String time) {
        return DAY.atTime(LocalTime.parse(time)).atZone(Messages.KST).toInstant();
    }

    @ParameterizedTest(name = "{0} KST quiet: {1}")
    @CsvSource({
            "20:59:59.999, false",
            "21:00:00, true",
            "23:59:59, true",
            "00:00:00, true",
            "07:59:59.999, true",
            "08:00:00, false",
            "14:00:00, false",
    })
    void edgesAreTwentyOneInclusiveAndEightExclusive(String time, boolean quiet) {
        assertThat(QuietHours.contains(kst(time))).isEqualTo(quiet);
    }

    @Test
    void judgedInKoreanTimeWhateverTheInstantsZone() {
        // 12:00Z is 21:00 KST.
        assertThat(QuietHours.contains(Instant.parse("2025-10-22T12:00:00Z"))).isTrue();
        assertThat(QuietHours.contains(Instant.parse("2025-10-22T11:59:59Z"))).isFalse();
    }

    private static SmsJob ad(Instant dueAt) {
        return TestJobs.withDueAt(TestJobs.job("1", "01012345678", SmsType.SMS, ContentType.AD, null, "(광고) 이벤트"), dueAt);
    }

    @Test
    void adDueInQuietHoursIsHeld() {
        assertThat(QuietHours.holdReason(ad(kst("21:00:00")), kst("14:00:00"))).hasValueSatisfying(r -> assertThat(r).contains("due"));
    }

    @Test
    void adDueBeforeNineButLeavingAfterIsHeldToo() {
        assertThat(QuietHours.holdReason(ad(kst("20:40:00")), kst("21:00:05")))
                .hasValueSatisfying(r -> assertThat(r).contains("would leave"));
        assertThat(QuietHours.holdReason(ad(kst("20:40:00")), kst("20:59:00"))).isEmpty();
    }

    @Test
    void adDueAndLeavingAtEightIsSent() {
        assertThat(QuietHours.holdReason(ad(kst("08:00:00")), kst("08:00:00"))).isEmpty();
    }

    @Property
    void informationalSmsIsNeverHeld(@ForAll @IntRange(min = 0, max = 1439) int dueMinute,
                                     @ForAll @IntRange(min = 0, max = 1439) int sendMinute) {
        SmsJob comm = TestJobs.withDueAt(TestJobs.sms("1", "01012345678", "예약 확정"), kst("00:00").plusSeconds(60L * dueMinute));
        assertThat(QuietHours.holdReason(comm, kst("00:00").plusSeconds(60L * sendMinute))).isEmpty();
    }

    @Property
    void adIsHeldExactlyWhenEitherTimeIsQuiet(@ForAll @IntRange(min = 0, max = 1439) int dueMinute,
                                              @ForAll @IntRange(min = 0, max = 1439) int sendMinute) {
        Instant due = kst("00:00").plusSeconds(60L * dueMinute);
        Instant send = kst("00:00").plusSeconds(60L * sendMinute);
        boolean quiet = dueMinute < 8 * 60 || dueMinute >= 21 * 60 || sendMinute < 8 * 60 || sendMinute >= 21 * 60;
        assertThat(QuietHours.holdReason(ad(due), send).isPresent()).isEqualTo(quiet);
    }
}
