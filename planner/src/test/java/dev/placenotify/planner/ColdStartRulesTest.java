package dev.placenotify.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.placenotify.planner.rules.RuleSetException;
import dev.placenotify.shell.EnvConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The planner Lambda refuses to start on a rule file it cannot fully trust: it never plans by a wrong rule. */
class ColdStartRulesTest {
    private static Map<String, String> env(Path rules) {
        Map<String, String> env = new HashMap<>();
        env.put("SNAPSHOT_DLQ_URL", "http://127.0.0.1:9/snapshot-dlq");
        env.put("SMS_QUEUE_URL", "http://127.0.0.1:9/sms");
        env.put("RESULT_QUEUE_URL", "http://127.0.0.1:9/result");
        env.put("BOOKINGS_TABLE", "bookings");
        env.put("SQS_ENDPOINT_URL", "http://127.0.0.1:9");
        env.put("DYNAMODB_ENDPOINT_URL", "http://127.0.0.1:9");
        if (rules != null) {
            env.put("RULES_FILE", rules.toString());
        }
        return env;
    }

    @Test
    void aMalformedRuleFileStopsTheColdStartNamingTheJsonPath(@TempDir Path dir) throws Exception {
        Path rules = dir.resolve("rules.yaml");
        Files.writeString(rules, """
                version: 1
                templates: {t: {body: hi}}
                rules:
                  - {id: EVENING, label: 저녁, when: [{hourOfDay: 24}], send: {template: t}}
                """);
        assertThatThrownBy(() -> new PlannerHandler(PlannerConfig.from(new EnvConfig(env(rules)))))
                .isInstanceOf(RuleSetException.class)
                .hasMessageContaining(rules.toString())
                .hasMessageContaining("$.rules[0].when[0].hourOfDay");
    }

    @Test
    void aRuleFileThatDoesNotFitTheStoresStopsItToo(@TempDir Path dir) throws Exception {
        Path rules = dir.resolve("rules.yaml");
        Files.writeString(rules, """
                version: 1
                rules:
                  - {id: GUIDE, label: 안내, when: [], send: {template: parking}}
                """);
        assertThatThrownBy(() -> new PlannerHandler(PlannerConfig.from(new EnvConfig(env(rules)))))
                .isInstanceOf(RuleSetException.class)
                .hasMessageContaining("$.rules[0].send.template: store 1051707 (화성 새솔점) has no template 'parking'");
    }

    @Test
    void withoutARuleFileTheBundledDefaultIsUsed() {
        assertThat(new PlannerHandler(PlannerConfig.from(new EnvConfig(env(null))))).isNotNull();
        assertThat(PlannerConfig.from(new EnvConfig(env(null))).rulesFile()).isEmpty();
    }
}
