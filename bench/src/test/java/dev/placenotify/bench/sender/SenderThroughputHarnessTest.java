package dev.placenotify.bench.sender;

import static org.assertj.core.api.Assertions.assertThat;

import dev.placenotify.testsupport.LocalAwsExtension;
import dev.placenotify.testsupport.aws.LocalAws;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The harness's wiring, so a change in the sender or test-support that breaks it shows up in the build, not in a rerun. */
@ExtendWith(LocalAwsExtension.class)
class SenderThroughputHarnessTest {

    @Test
    void withoutArgumentsItMeasuresAThousandJobsAtBothLatenciesTwice() {
        assertThat(SenderThroughputHarness.Settings.parse())
                .isEqualTo(new SenderThroughputHarness.Settings(1000, List.of(0, 342), 2));
    }

    @Test
    void argumentsAreJobsLatenciesAndRounds() {
        assertThat(SenderThroughputHarness.Settings.parse("50", "342,0", "3"))
                .isEqualTo(new SenderThroughputHarness.Settings(50, List.of(342, 0), 3));
    }

    @Test
    void aSmallRunSendsEveryJobOnceAndReportsEachAsSent(LocalAws aws) throws Exception {
        SenderThroughputHarness.Result r = SenderThroughputHarness.run(aws, LocalAwsExtension.uniqueEnvironment("sth"), 24,
                Duration.ZERO, new SenderThroughputHarness.Scenario("lambda-like", 100, 2));

        assertThat(r.sent()).isEqualTo(24);
        assertThat(r.maxPerKey()).isEqualTo(1);
        assertThat(r.outcomesSent()).isEqualTo(24);
        // 8 stores, each texting from its own number: at least one SENS request per store.
        assertThat(r.sensRequests()).isGreaterThanOrEqualTo(8);
        assertThat(r.invocations()).isPositive();
    }
}
