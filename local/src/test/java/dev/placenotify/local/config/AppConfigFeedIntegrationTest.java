package dev.placenotify.local.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.placenotify.testsupport.sim.AppConfigSimulator;
import dev.placenotify.shell.AwsClients;
import dev.placenotify.shell.AwsSettings;
import dev.placenotify.shell.config.AppConfigFeed;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Powertools' AppConfig provider through {@link AppConfigFeed}, on the real SDK client, against the simulator. */
class AppConfigFeedIntegrationTest {
    private final AppConfigSimulator sim = new AppConfigSimulator(Clock.systemUTC());
    private String app;
    private String env;
    private String profile;

    @BeforeEach
    void start() {
        sim.start();
        app = sim.createApplication("place-notify-feed");
        env = sim.createEnvironment(app, "feed");
        profile = sim.createProfile(app, "stores", List.of());
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private AppConfigFeed feed(Duration maxAge) {
        return new AppConfigFeed(AwsClients.appConfigData(new AwsSettings("ap-northeast-2", Optional.of(URI.create(sim.baseUrl())))),
                "place-notify-feed", "feed", maxAge);
    }

    @Test
    void nothingDeployedReadsAsEmptyEveryTimeNotAsACrash() {
        // Powertools 2.9.0 caches "nothing" as null and then throws NullPointerException until it expires:
        // the second read failed before AppConfigFeed remembered empty answers itself.
        AppConfigFeed feed = feed(Duration.ofSeconds(60));
        assertThat(feed.latest("stores")).isEmpty();
        assertThat(feed.latest("stores")).isEmpty();
        assertThat(sim.latestConfigurationCalls(profile)).isEqualTo(1);
    }

    @Test
    void aDeployedDocumentIsReadOnceAndCachedUntilItsMaxAge() throws Exception {
        sim.deployUnchecked(app, env, profile, "{\"v\":1}");
        AppConfigFeed feed = feed(Duration.ofSeconds(1));
        assertThat(feed.latest("stores")).hasValue("{\"v\":1}");
        assertThat(feed.latest("stores")).hasValue("{\"v\":1}");
        assertThat(sim.latestConfigurationCalls(profile)).as("cached").isEqualTo(1);

        sim.deployUnchecked(app, env, profile, "{\"v\":2}");
        assertThat(feed.latest("stores")).as("still the cached copy").hasValue("{\"v\":1}");
        Thread.sleep(1_100);
        assertThat(feed.latest("stores")).hasValue("{\"v\":2}");
        Thread.sleep(1_100);
        // Unchanged: AppConfig answers with an empty body, the provider keeps the document it has.
        assertThat(feed.latest("stores")).hasValue("{\"v\":2}");
        assertThat(sim.latestConfigurationCalls(profile)).isEqualTo(3);
    }
}
