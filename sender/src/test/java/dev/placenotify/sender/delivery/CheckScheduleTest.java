package dev.placenotify.sender.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class CheckScheduleTest {
    private static final Instant SENT = Instant.parse("2025-10-22T05:00:00Z");
    private static final CheckSchedule DEPLOYED = new CheckSchedule(Duration.ofMinutes(2), Duration.ofHours(1), Duration.ofHours(24));

    @Test
    void theDeployedBackOffDoublesFromTwoMinutesToAnHour() {
        assertThat(DEPLOYED.interval(1)).isEqualTo(Duration.ofMinutes(2));
        assertThat(DEPLOYED.interval(2)).isEqualTo(Duration.ofMinutes(4));
        assertThat(DEPLOYED.interval(5)).isEqualTo(Duration.ofMinutes(32));
        assertThat(DEPLOYED.interval(6)).isEqualTo(Duration.ofHours(1));
        assertThat(DEPLOYED.interval(1000)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void theLastLookIsAtTheDeadlineAndThereIsNoneAfter() {
        Instant nearEnd = SENT.plus(Duration.ofHours(23).plusMinutes(30));
        assertThat(DEPLOYED.next(SENT, 20, nearEnd)).contains(SENT.plus(Duration.ofHours(24)));
        assertThat(DEPLOYED.next(SENT, 21, SENT.plus(Duration.ofHours(24)))).isEmpty();
        assertThat(DEPLOYED.next(SENT, 1, SENT.plus(Duration.ofDays(3)))).as("a check replayed days later looks once").isEmpty();
    }

    @Test
    void aDeployedChainLooksAboutThirtyTimesIn24Hours() {
        int looks = 0;
        Instant now = SENT.plus(DEPLOYED.first());
        for (Optional<Instant> next = Optional.of(now); next.isPresent(); looks++) {
            now = next.get();
            next = DEPLOYED.next(SENT, looks + 1, now);
        }
        assertThat(looks).isBetween(25, 35);
    }

    @Test
    void nonsenseIsRefused() {
        assertThatThrownBy(() -> new CheckSchedule(Duration.ZERO, Duration.ofHours(1), Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CheckSchedule(Duration.ofMinutes(5), Duration.ofMinutes(1), Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void intervalsNeverShrinkAndNeverExceedTheMaximum(@ForAll @IntRange(min = 1, max = 600) int firstSeconds,
                                                      @ForAll @IntRange(min = 1, max = 50) int factor,
                                                      @ForAll @IntRange(min = 1, max = 80) int attempt) {
        CheckSchedule s = new CheckSchedule(Duration.ofSeconds(firstSeconds), Duration.ofSeconds((long) firstSeconds * factor),
                Duration.ofDays(1));
        assertThat(s.interval(attempt + 1)).isGreaterThanOrEqualTo(s.interval(attempt));
        assertThat(s.interval(attempt)).isLessThanOrEqualTo(s.maxInterval()).isGreaterThanOrEqualTo(s.first());
    }

    @Property
    void theNextLookIsLaterThanNowAndNeverPastTheDeadline(@ForAll @IntRange(min = 1, max = 80) int attempt,
                                                          @ForAll @LongRange(min = 0, max = 200_000) long secondsAfterSend) {
        Instant now = SENT.plusSeconds(secondsAfterSend);
        Optional<Instant> next = DEPLOYED.next(SENT, attempt, now);
        if (now.isBefore(DEPLOYED.deadlineAt(SENT))) {
            assertThat(next).isPresent();
            assertThat(next.get()).isAfter(now).isBeforeOrEqualTo(DEPLOYED.deadlineAt(SENT));
        } else {
            assertThat(next).isEmpty();
        }
    }
}
