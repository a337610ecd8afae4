package dev.placenotify.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.RemovalPolicy;

class EnvironmentConfigTest {
    private static EnvironmentConfig of(Map<String, Object> ctx) {
        return EnvironmentConfig.fromContext(ctx::get);
    }

    @Test
    void devIsTheDefault() {
        EnvironmentConfig c = of(Map.of());
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
        EnvironmentConfig c = of(Map.of("env", "prod"));
        assertThat(c.prod()).isTrue();
        assertThat(c.runSummaryAlarm()).isTrue();
        assertThat(c.statefulRemovalPolicy()).isEqualTo(RemovalPolicy.RETAIN);
        assertThat(c.logLevel()).isEqualTo("INFO");
        assertThat(c.stackName()).isEqualTo("PlaceNotify-prod");
    }

    @Test
    void flagsAcceptStringsAndBooleans() {
        Map<String, Object> ctx = new HashMap<>();
        ctx.put("env", "PROD");
        ctx.put("dryRun", "true");
        ctx.put("scheduleEnabled", Boolean.FALSE);
        ctx.put("runSummaryAlarm", "false");
        ctx.put("logLevel", "warn");
        EnvironmentConfig c = of(ctx);
        assertThat(c.name()).isEqualTo("prod");
        assertThat(c.dryRun()).isTrue();
        assertThat(c.scheduleEnabled()).isFalse();
        assertThat(c.runSummaryAlarm()).isFalse();
        assertThat(c.logLevel()).isEqualTo("WARN");
    }

    @Test
    void rejectsMalformedValues() {
        assertThatThrownBy(() -> of(Map.of("dryRun", "maybe"))).hasMessageContaining("dryRun");
        assertThatThrownBy(() -> of(Map.of("env", "my env"))).hasMessageContaining("env");
        assertThatThrownBy(() -> of(Map.of("env", "x"))).hasMessageContaining("env");
    }

    @Test
    void theOldStageKeyStillWorksWithAWarning() {
        List<String> warnings = new ArrayList<>();
        EnvironmentConfig c = EnvironmentConfig.fromContext(Map.<String, Object>of("stage", "prod")::get, warnings::add);
        assertThat(c.name()).isEqualTo("prod");
        assertThat(c.prod()).isTrue();
        assertThat(c.stackName()).isEqualTo("PlaceNotify-prod");
        assertThat(warnings).singleElement().asString().contains("deprecated").contains("-c env=prod");

        warnings.clear();
        assertThat(EnvironmentConfig.fromContext(Map.<String, Object>of("env", "prod")::get, warnings::add).name())
                .isEqualTo("prod");
        assertThat(warnings).isEmpty();
        assertThat(EnvironmentConfig.fromContext(Map.<String, Object>of("env", "prod", "stage", "prod")::get,
                warnings::add).name()).isEqualTo("prod");
        assertThatThrownBy(() -> of(Map.of("env", "dev", "stage", "prod"))).hasMessageContaining("disagree");
    }
}
