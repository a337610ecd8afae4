package dev.placenotify.sender;

import static org.assertj.core.api.Assertions.assertThat;

import dev.placenotify.shell.EnvConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InvocationTest {

    @Test
    void theDeadlinesComeFromTheLambdasRemainingTime() {
        SenderConfig config = SenderConfig.from(new EnvConfig(Map.of("SMS_QUEUE_URL", "q", "SMS_DLQ_URL", "dlq",
                "RESULT_QUEUE_URL", "r", "IDEMPOTENCY_TABLE", "t", "SENS_SECRET_ID", "s")));
        Batch batch = new Batch(Clock.fixed(TestJobs.CYCLE, ZoneOffset.UTC), 5);

        Invocation inv = Invocation.plan(Duration.ofSeconds(60), TestJobs.CYCLE, config, batch);

        // Send by: 60 s - the 5 s finish reserve. Record by: 60 s - one 2 s AWS call - 0.5 s for publishing.
        assertThat(inv.sendBy().left()).isBetween(Duration.ofSeconds(54), Duration.ofSeconds(55));
        assertThat(inv.recordBy().left()).isBetween(Duration.ofMillis(56_500), Duration.ofMillis(57_500));
        // Claims outlive the invocation by 5 s: a crashed sender's job is taken over soon after.
        assertThat(inv.claimUntil()).isEqualTo(TestJobs.CYCLE.plusSeconds(65));
        assertThat(inv.batch()).isSameAs(batch);
    }
}
