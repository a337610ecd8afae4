package dev.placenotify.sender;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** The pause between two SENS attempts after a 429/503 ({@link SensDispatcher#backoff}). */
class BackoffTest {
    private static final Duration BASE = Duration.ofMillis(300);

    @Property
    void halfTheDoublingStepIsFixedAndHalfIsRandom(@ForAll @IntRange(min = 1, max = 8) int attempt) {
        long step = BASE.toMillis() << (attempt - 1);

        Duration pause = SensDispatcher.backoff(BASE, attempt, null);

        assertThat(pause.toMillis()).isBetween(step / 2, step);
    }

    @Property
    void aLongerRetryAfterIsHonouredAndAShorterOneChangesNothing(@ForAll @IntRange(min = 1, max = 4) int attempt,
                                                                 @ForAll @LongRange(min = 0, max = 30_000) long retryAfterMillis) {
        long step = BASE.toMillis() << (attempt - 1);
        Duration retryAfter = Duration.ofMillis(retryAfterMillis);

        Duration pause = SensDispatcher.backoff(BASE, attempt, retryAfter);

        if (retryAfterMillis > step) {
            assertThat(pause).isEqualTo(retryAfter);
        } else {
            assertThat(pause.toMillis()).isBetween(Math.max(step / 2, retryAfterMillis), step);
        }
    }
}
