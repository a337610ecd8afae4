package dev.placenotify.shell.config;

import dev.placenotify.shell.AwsClients;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import software.amazon.awssdk.services.appconfigdata.AppConfigDataClient;
import software.amazon.lambda.powertools.parameters.appconfig.AppConfigProvider;

/**
 * Live documents from AWS AppConfig through Powertools' AppConfig provider: one configuration session per
 * profile (StartConfigurationSession, then GetLatestConfiguration with the token it hands back), and each
 * document cached for {@code maxAge}, so a warm function asks AppConfig at most once a minute per profile
 * and gets an empty answer (the provider keeps the last document) while nothing changed.
 */
public final class AppConfigFeed implements ConfigFeed {
    private final AppConfigProvider provider;
    private final int maxAgeSeconds;
    private final Clock clock;
    /** Profiles with nothing deployed, and until when that answer stands (see {@link #latest}). */
    private final Map<String, Instant> emptyUntil = new HashMap<>();

    public AppConfigFeed(AppConfigDataClient client, String application, String environment, Duration maxAge) {
        this(client, application, environment, maxAge, Clock.systemUTC());
    }

    AppConfigFeed(AppConfigDataClient client, String application, String environment, Duration maxAge, Clock clock) {
        this.clock = clock;
        this.provider = AppConfigProvider.builder().withClient(client).withApplication(application)
                .withEnvironment(environment).build();
        this.maxAgeSeconds = (int) Math.max(1, maxAge.toSeconds());
    }

    static AppConfigFeed create(AppConfigSettings settings) {
        return new AppConfigFeed(AwsClients.appConfigData(settings.endpoint()), settings.application().orElseThrow(),
                settings.environment(), settings.maxAge());
    }

    /**
     * Powertools 2.9.0 caches "nothing deployed" as a null value and then fails with a NullPointerException on
     * every read until that entry expires; so an empty answer is remembered here for the same max age (and the
     * exception, should the two clocks disagree, means the same thing).
     */
    @Override
    public synchronized Optional<String> latest(String profile) {
        Instant now = clock.instant();
        Instant until = emptyUntil.get(profile);
        if (until != null && now.isBefore(until)) {
            return Optional.empty();
        }
        String value;
        try {
            value = provider.withMaxAge(maxAgeSeconds, ChronoUnit.SECONDS).get(profile);
        } catch (NullPointerException cachedNothing) {
            value = null;
        }
        if (value == null || value.isBlank()) {
            emptyUntil.put(profile, now.plusSeconds(maxAgeSeconds).plusMillis(50));
            return Optional.empty();
        }
        emptyUntil.remove(profile);
        return Optional.of(value);
    }
}
