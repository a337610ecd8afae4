package dev.placenotify.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.SynthesisMessage;

/** cdk-nag's AwsSolutions pack runs on both stages (PlaceNotifyApp.build adds it to the app). */
class NagTest {
    private static Stacks.Synthesized stage(String name) {
        return name.equals("dev") ? Stacks.dev() : Stacks.prod();
    }

    private static List<String> describe(List<SynthesisMessage> messages) {
        List<String> out = new ArrayList<>();
        messages.forEach(m -> out.add(m.getId() + " " + m.getEntry().getData()));
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void noAwsSolutionsErrors(String name) {
        List<SynthesisMessage> errors = stage(name).annotations()
                .findError("*", Match.stringLikeRegexp("AwsSolutions-.*"));
        assertThat(describe(errors)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void noAwsSolutionsWarnings(String name) {
        List<SynthesisMessage> warnings = stage(name).annotations()
                .findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*"));
        assertThat(describe(warnings)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void synthIsFreeOfAnyErrorOrWarning(String name) {
        assertThat(describe(stage(name).annotations().findError("*", Match.anyValue()))).isEmpty();
        assertThat(describe(stage(name).annotations().findWarning("*", Match.anyValue()))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everySuppressionNamesItsReasonAndOnlyTheAcceptedRulesAreSuppressed(String name) {
        List<String> rules = new ArrayList<>();
        stage(name).json().get("Resources").forEach(r -> {
            for (JsonNode s : r.path("Metadata").path("cdk_nag").path("rules_to_suppress")) {
                rules.add(s.path("id").asText());
                assertThat(s.path("reason").asText()).hasSizeGreaterThan(40);
            }
        });
        assertThat(rules).containsOnly("AwsSolutions-L1", "AwsSolutions-SMG4");
        assertThat(rules).hasSize(6 + 2 + 4); // L1 on the six stage functions and the two delivery functions; SMG4 on the secrets
    }
}
