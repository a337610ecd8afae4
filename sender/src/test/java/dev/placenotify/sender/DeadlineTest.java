package dev.placenotify.sender;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeadlineTest {

    @Test
    void allowsOnlyWorkThatEndsBeforeIt() {
        Deadline d = Deadline.in(Duration.ofSeconds(10));
        assertThat(d.allows(Duration.ofSeconds(5))).isTrue();
        assertThat(d.allows(Duration.ofSeconds(11))).isFalse();
    }

    @Test
    void aNegativeBudgetAllowsNothing() {
        Deadline d = Deadline.in(Duration.ofSeconds(-3));
        assertThat(d.left()).isEqualTo(Duration.ZERO);
        assertThat(d.allows(Duration.ofMillis(1))).isFalse();
        assertThat(d.allows(Duration.ZERO)).isTrue();
    }
}
