package dev.placenotify.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.placenotify.shell.EnvConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The planner's one typed config, read from the environment the CDK stack (or the local runner) sets. */
class PlannerConfigTest {
    private static Map<String, String> required() {
        Map<String, String> env = new HashMap<>();
        env.put("SNAPSHOT_DLQ_URL", "http://sqs/snapshot-dlq");
        env.put("SMS_QUEUE_URL", "http://sqs/sms");
        env.put("RESULT_QUEUE_URL", "http://sqs/result");
        env.put("BOOKINGS_TABLE", "place-notify-prod-bookings");
        return env;
    }

    @Test
    void defaultsAreThirtyDaysOfStateThreeConflictRetriesAndTheBundledStores() {
        PlannerConfig c = PlannerConfig.from(new EnvConfig(required()));
        assertThat(c.stateTtl()).isEqualTo(Duration.ofDays(30));
        assertThat(c.conflictRetries()).isEqualTo(3);
        assertThat(c.storesFile()).isEmpty();
        assertThat(c.bookingsTable()).isEqualTo("place-notify-prod-bookings");
        assertThat(c.smsQueueUrl()).isEqualTo("http://sqs/sms");
        assertThat(c.dynamo().endpoint()).isEmpty();
    }

    @Test
    void overridesAreRead() {
        Map<String, String> env = required();
        env.put("STATE_TTL_DAYS", "7");
        env.put("STATE_CONFLICT_RETRIES", "5");
        env.put("STORES_FILE", "/tmp/stores.json");
        env.put("DYNAMODB_ENDPOINT_URL", "http://127.0.0.1:8000");
        PlannerConfig c = PlannerConfig.from(new EnvConfig(env));
        assertThat(c.stateTtl()).isEqualTo(Duration.ofDays(7));
        assertThat(c.conflictRetries()).isEqualTo(5);
        assertThat(c.storesFile()).isEqualTo(Optional.of(Path.of("/tmp/stores.json")));
        assertThat(c.dynamo().endpoint()).contains(URI.create("http://127.0.0.1:8000"));
        assertThat(c.sqs().endpoint()).isEmpty();
    }

    @Test
    void aMissingOrMalformedVariableIsNamed() {
        for (String name : required().keySet()) {
            Map<String, String> env = required();
            env.remove(name);
            assertThatThrownBy(() -> PlannerConfig.from(new EnvConfig(env))).hasMessageContaining(name);
        }
        Map<String, String> env = required();
        env.put("STATE_TTL_DAYS", "thirty");
        assertThatThrownBy(() -> PlannerConfig.from(new EnvConfig(env))).hasMessageContaining("STATE_TTL_DAYS");
    }
}
