package dev.placenotify.sender.delivery;

import dev.placenotify.model.env.DeliveryCheckEnv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.placenotify.shell.EnvConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeliveryCheckConfigTest {
    @Test
    void withoutAQueueTheSenderEnqueuesNoChecksAndTheDefaultsAreTheDocumentedOnes() {
        DeliveryCheckConfig c = DeliveryCheckConfig.from(new EnvConfig(Map.of()));
        assertThat(c.enabled()).isFalse();
        assertThat(c.schedule()).isEqualTo(new CheckSchedule(Duration.ofMinutes(2), Duration.ofHours(1), Duration.ofHours(24)));
        assertThat(c.evidence()).isEqualTo(new UnknownEvidence(Duration.ofMinutes(15), Duration.ofMinutes(10)));
        assertThat(c.lookupTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThatThrownBy(c::requireFunctionSettings).hasMessage("missing configuration DELIVERY_QUEUE_URL");
    }

    @Test
    void anImpossibleScheduleFailsTheColdStartNamingTheVariables() {
        assertThatThrownBy(() -> DeliveryCheckConfig.from(new EnvConfig(Map.of(DeliveryCheckEnv.DELIVERY_FIRST_CHECK_SECONDS, "600",
                DeliveryCheckEnv.DELIVERY_CHECK_DEADLINE_SECONDS, "60")))).hasMessageContaining("DELIVERY_FIRST_CHECK_SECONDS")
                .hasMessageContaining("DELIVERY_CHECK_DEADLINE_SECONDS");
    }
}
