package dev.placenotify.model.env;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EnvNamesTest {
    @Test
    void namesAreTheClassesConstants() {
        assertThat(SenderEnv.names()).contains(SenderEnv.SENS_SECRET_ID, SenderEnv.DRY_RUN)
                .doesNotContain(CommonEnv.ENVIRONMENT_NAME, NotifierEnv.RUNS_TABLE);
        assertThat(CommonEnv.names()).contains(CommonEnv.ENVIRONMENT_NAME, CommonEnv.SQS_ENDPOINT_URL);
        assertThat(AppConfigEnv.names()).hasSize(6);
    }

    /** A name every function shares is CommonEnv's only; a stage class never defines it again. */
    @Test
    void noStageRedefinesACommonOrLiveConfigurationName() {
        Set<String> shared = new HashSet<>(CommonEnv.names());
        shared.addAll(AppConfigEnv.names());
        for (Set<String> stage : List.of(FetcherEnv.names(), PlannerEnv.names(), SenderEnv.names(), NotifierEnv.names(),
                RenewalEnv.names())) {
            assertThat(stage).doesNotContainAnyElementsOf(shared);
        }
    }

    @Test
    void everyNameIsAnUpperCaseVariableName() {
        for (Set<String> names : List.of(CommonEnv.names(), AppConfigEnv.names(), FetcherEnv.names(), PlannerEnv.names(),
                SenderEnv.names(), NotifierEnv.names(), RenewalEnv.names())) {
            assertThat(names).isNotEmpty().allMatch(n -> n.matches("[A-Z][A-Z0-9_]*"));
        }
    }
}
