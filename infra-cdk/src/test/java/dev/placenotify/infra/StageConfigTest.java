package dev.placenotify.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.RemovalPolicy;

class StageConfigTest {
    private static StageConfig of(Map<String, Object> ctx) {
        return StageConfig.fromContext(ctx::get);
    }

    @Test
    void devIsTheDefault() {
        StageConfig c = of(Map.of());
        assertThat(c.name()).isEqualTo("dev");
        assertThat(c.prod()).isFalse();
        assertThat(c.dryRun()).isFalse();
        assertThat(c.scheduleEnabled()).isTrue();
        assertThat(c.runSummaryAlarm()).isFalse();
        assertThat(c.statefulRemovalPolicy()).isEqualTo(RemovalPolicy.DESTROY);
        assertThat(c.stackName()).isEqualTo("PlaceNotify-dev");
        assertThat(c.resourceName("sms")).isEqualTo("place-notify-dev-sms");
    }

    @Test
    void prodRetainsAndAlarmsOnMissingRunSummaries() {
        StageConfig c = of(Map.of("stage", "prod"));
        assertThat(c.prod()).isTrue();
        assertThat(c.runSummaryAlarm()).isTrue();
        assertThat(c.statefulRemovalPolicy()).isEqualTo(RemovalPolicy.RETAIN);
        assertThat(c.logLevel()).isEqualTo("INFO");
        assertThat(c.stackName()).isEqualTo("PlaceNotify-prod");
    }

    @Test
    void flagsAcceptStringsAndBooleans() {
        Map<String, Object> ctx = new HashMap<>();
        ctx.put("stage", "PROD");
        ctx.put("dryRun", "true");
        ctx.put("scheduleEnabled", Boolean.FALSE);
        ctx.put("runSummaryAlarm", "false");
        ctx.put("logLevel", "warn");
        StageConfig c = of(ctx);
        assertThat(c.name()).isEqualTo("prod");
        assertThat(c.dryRun()).isTrue();
        assertThat(c.scheduleEnabled()).isFalse();
        assertThat(c.runSummaryAlarm()).isFalse();
        assertThat(c.logLevel()).isEqualTo("WARN");
    }

    @Test
    void rejectsMalformedValues() {
        assertThatThrownBy(() -> of(Map.of("dryRun", "maybe"))).hasMessageContaining("dryRun");
        assertThatThrownBy(() -> of(Map.of("stage", "my stage"))).hasMessageContaining("stage");
        assertThatThrownBy(() -> of(Map.of("stage", "x"))).hasMessageContaining("stage");
    }
}
