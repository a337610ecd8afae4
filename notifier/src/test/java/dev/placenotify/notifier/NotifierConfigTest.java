package dev.placenotify.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.placenotify.shell.EnvConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotifierConfigTest {
    private static final Map<String, String> REQUIRED = Map.of("RUNS_TABLE", "runs", "RESULT_DLQ_URL", "http://q/dlq",
            "TELEGRAM_SECRET_ID", "tg", "SLACK_SECRET_ID", "sl");

    @Test
    void postingDefaultsLeaveTimeToRecordWithinTheSixtySecondLambda() {
        NotifierConfig c = NotifierConfig.from(new EnvConfig(REQUIRED));
        assertThat(c.postTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.postBudget()).isEqualTo(Duration.ofSeconds(40));
        assertThat(c.recordReserve()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.postTimeout().plus(c.recordReserve())).isLessThan(InvocationDeadline.WITHOUT_CONTEXT);
    }

    @Test
    void aBudgetShorterThanOneAttemptFailsTheColdStartInsteadOfEverySummary() {
        Map<String, String> env = new HashMap<>(REQUIRED);
        env.put("POST_TIMEOUT_SECONDS", "20");
        env.put("POST_BUDGET_SECONDS", "10");
        assertThatThrownBy(() -> NotifierConfig.from(new EnvConfig(env))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("POST_BUDGET_SECONDS (10) must be at least POST_TIMEOUT_SECONDS (20)");
    }
}
