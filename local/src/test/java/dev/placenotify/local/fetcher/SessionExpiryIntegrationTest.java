package dev.placenotify.local.fetcher;

import static dev.placenotify.fetcher.TestBookings.CYCLE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.placenotify.testsupport.LocalAwsExtension;
import dev.placenotify.local.LocalPipeline;
import dev.placenotify.testsupport.LocalWorld.Options;
import dev.placenotify.testsupport.SimulatedClock;
import dev.placenotify.testsupport.aws.LocalAws;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An expired session's alert, through the notifier, reaches the owner. What the fetcher itself does about an expired
 * session (the item marked, the alert or renewal request it publishes, the fetch handed back, the DLQ) is asserted
 * in the fetcher module's own shell tests ({@code SessionExpiryShellTest}).
 */
@ExtendWith(LocalAwsExtension.class)
class SessionExpiryIntegrationTest {
    private static final String ALPHA_1 = "4100001";
    private static final String ALPHA_2 = "4100002";
    private static final String BETA = "4200001";
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static Options twoAccounts(String prefix) {
        return Options.defaults(LocalAwsExtension.uniqueEnvironment(prefix))
                .withStores(FetcherRig.storesFile(Map.of(ALPHA_1, "alpha", ALPHA_2, "alpha", BETA, "beta")))
                .withVisibility(Duration.ofSeconds(1));
    }

    @Test
    void theExpiryAlertReachesTheOwnerThroughTheNotifier(LocalAws aws) {
        Options options = twoAccounts("fexpiredn");
        try (LocalPipeline p = LocalPipeline.start(aws, options, new SimulatedClock(CYCLE))) {
            p.naver.acceptSession("alpha-aut", "alpha-ses");
            p.importSession("alpha", "alpha-aut", "alpha-ses");
            p.importSession("beta", "beta-aut", "beta-ses");

            p.tick(CYCLE);

            long deadline = System.nanoTime() + WAIT.toNanos();
            while (p.telegram.messages().stream().noneMatch(m -> m.text().contains("SESSION_EXPIRED"))
                    && System.nanoTime() < deadline) {
                FetcherRig.sleep(100);
            }
            assertThat(p.telegram.messages()).anySatisfy(m ->
                    assertThat(m.text()).contains("SESSION_EXPIRED").contains("beta"));
        }
    }
}
