package dev.placenotify.sender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.placenotify.sender.delivery.FirstCheckSettings;
import dev.placenotify.shell.EnvConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SenderConfigTest {
    private static Map<String, String> required() {
        Map<String, String> env = new HashMap<>();
        env.put("SMS_QUEUE_URL", "q");
        env.put("SMS_DLQ_URL", "dlq");
        env.put("RESULT_QUEUE_URL", "r");
        env.put("IDEMPOTENCY_TABLE", "t");
        env.put("SENS_SECRET_ID", "s");
        return env;
    }

    @Test
    void defaultsAreTheDeployedOnes() {
        SenderConfig c = SenderConfig.from(new EnvConfig(required()));
        assertThat(c.sensBaseUrl()).hasToString("https://sens.apigw.ntruss.com");
        assertThat(c.dryRun()).isFalse();
        assertThat(c.sensTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.sensCallBudget()).isEqualTo(Duration.ofSeconds(8));
        assertThat(c.maxAttempts()).isEqualTo(3);
        assertThat(c.sensParallelism()).isEqualTo(8);
        assertThat(c.dynamoParallelism()).isEqualTo(16);
        assertThat(c.finishReserve()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.awsCallTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.afterKeyMaxWait()).as("5 receives x the SMS queue's 360 s visibility").isEqualTo(Duration.ofMinutes(30));
        assertThat(c.metricsEnabled()).isFalse();
    }

    @Test
    void metricsOnlyWhereAnEmfEnvironmentIsKnown() {
        Map<String, String> lambda = required();
        lambda.put("AWS_LAMBDA_FUNCTION_NAME", "place-notify-prod-sender");
        lambda.put("POWERTOOLS_SERVICE_NAME", "place-notify-prod-sender");
        SenderConfig c = SenderConfig.from(new EnvConfig(lambda));
        assertThat(c.metricsEnabled()).isTrue();
        assertThat(c.serviceName()).isEqualTo("place-notify-prod-sender");
        assertThat(c.metricsNamespace()).isEqualTo("PlaceNotify");
    }

    @Test
    void aReserveThatCannotCoverRecordingAndPublishingIsRefusedAtColdStart() {
        Map<String, String> env = required();
        env.put("AWS_CALL_TIMEOUT_SECONDS", "3");
        env.put("FINISH_RESERVE_SECONDS", "6");
        assertThatThrownBy(() -> SenderConfig.from(new EnvConfig(env)))
                .hasMessageContaining("FINISH_RESERVE_SECONDS").hasMessageContaining("6.5");
        env.put("FINISH_RESERVE_SECONDS", "6.5");
        assertThat(SenderConfig.from(new EnvConfig(env)).finishReserve()).isEqualTo(Duration.ofMillis(6500));
    }

    @Test
    void theFirstDeliveryCheckIsEnqueuedOnlyWhereADeliveryQueueIsNamed() {
        Map<String, String> env = required();
        assertThat(SenderConfig.from(new EnvConfig(env)).firstChecks()).isEmpty();
        env.put("DELIVERY_QUEUE_URL", "dq");
        assertThat(SenderConfig.from(new EnvConfig(env)).firstChecks())
                .contains(new FirstCheckSettings("dq", Duration.ofMinutes(2)));
        env.put("DELIVERY_FIRST_CHECK_SECONDS", "30");
        assertThat(SenderConfig.from(new EnvConfig(env)).firstChecks())
                .contains(new FirstCheckSettings("dq", Duration.ofSeconds(30)));
    }

    @Test
    void aMissingVariableIsNamed() {
        Map<String, String> env = required();
        env.remove("SENS_SECRET_ID");
        assertThatThrownBy(() -> SenderConfig.from(new EnvConfig(env))).hasMessageContaining("SENS_SECRET_ID");
    }
}
