package dev.placenotify.sender;

import static org.assertj.core.api.Assertions.assertThat;

import dev.placenotify.model.SmsJob;
import java.time.Duration;
import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class PredecessorWaitTest {
    private static final Duration MINIMUM = Duration.ofSeconds(5);
    private static final Duration MAX_WAIT = Duration.ofMinutes(30);

    private static SmsJob reminder(Instant dueAt, Instant notAfter) {
        SmsJob j = TestJobs.sms("1", "01012345678", "곧 예약 시간입니다");
        return new SmsJob(j.schemaVersion(), j.runId(), j.storeId(), j.bookingId(), "REMINDER", null, null, j.recipient(), j.from(),
                j.type(), j.contentType(), j.subject(), j.content(), "1051707:1:REMINDER", dueAt, notAfter, "1051707:1:CONFIRMATION");
    }

    @Test
    void looksAgainAfterHalfOfWhatItWaitedWithinTheBounds() {
        Instant due = TestJobs.CYCLE;
        SmsJob job = reminder(due, due.plus(Duration.ofHours(2)));

        assertThat(PredecessorWait.nextLook(job, due, MINIMUM, MAX_WAIT)).isEqualTo(MINIMUM);
        assertThat(PredecessorWait.nextLook(job, due.plusSeconds(60), MINIMUM, MAX_WAIT)).isEqualTo(Duration.ofSeconds(30));
        assertThat(PredecessorWait.nextLook(job, due.plusSeconds(400), MINIMUM, MAX_WAIT)).isEqualTo(Duration.ofSeconds(200));
        // Near the end of the wait: just after it, when the job goes without its predecessor.
        assertThat(PredecessorWait.nextLook(job, due.plusSeconds(1700), MINIMUM, MAX_WAIT)).isEqualTo(Duration.ofSeconds(101));
    }

    @Test
    void neverWaitsPastItsOwnNotAfter() {
        Instant due = TestJobs.CYCLE;
        SmsJob job = reminder(due, due.plusSeconds(90));

        assertThat(PredecessorWait.nextLook(job, due.plusSeconds(80), MINIMUM, MAX_WAIT)).isEqualTo(Duration.ofSeconds(11));
    }

    @Test
    void theWaitIsOverAfterTheLongestThePredecessorCanStayQueued() {
        Instant due = TestJobs.CYCLE;
        SmsJob job = reminder(due, due.plus(Duration.ofHours(2)));

        assertThat(PredecessorWait.over(job, due.plus(MAX_WAIT).minusMillis(1), MAX_WAIT)).isFalse();
        assertThat(PredecessorWait.over(job, due.plus(MAX_WAIT), MAX_WAIT)).isTrue();
    }

    @Property
    void everyLookIsADelaySqsTakesAndComesNoLaterThanJustAfterTheWaitEnds(
            @ForAll @LongRange(min = -600, max = 7_200) long waitedSeconds,
            @ForAll @IntRange(min = 1, max = 14_400) int validSeconds,
            @ForAll @IntRange(min = 1, max = 3_600) int maxWaitSeconds,
            @ForAll @IntRange(min = 1, max = 60) int minimumSeconds) {
        Instant due = TestJobs.CYCLE;
        SmsJob job = reminder(due, due.plusSeconds(validSeconds));
        Instant now = due.plusSeconds(waitedSeconds);
        Duration maxWait = Duration.ofSeconds(maxWaitSeconds);
        Instant end = job.notAfter().isBefore(due.plus(maxWait)) ? job.notAfter() : due.plus(maxWait);

        Duration next = PredecessorWait.nextLook(job, now, Duration.ofSeconds(minimumSeconds), maxWait);

        assertThat(next).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(900));
        if (now.isBefore(end)) {
            assertThat(now.plus(next)).as("back by just after the end of the wait").isBeforeOrEqualTo(end.plusSeconds(1));
        }
    }

    @Property
    void waitingLongerNeverLooksSooner(@ForAll @IntRange(min = 0, max = 1_700) int waitedSeconds,
                                       @ForAll @IntRange(min = 1, max = 100) int moreSeconds) {
        Instant due = TestJobs.CYCLE;
        SmsJob job = reminder(due, due.plus(Duration.ofDays(1)));
        Duration maxWait = Duration.ofDays(1);

        Duration earlier = PredecessorWait.nextLook(job, due.plusSeconds(waitedSeconds), MINIMUM, maxWait);
        Duration later = PredecessorWait.nextLook(job, due.plusSeconds(waitedSeconds + moreSeconds), MINIMUM, maxWait);

        assertThat(later).isGreaterThanOrEqualTo(earlier);
    }
}
