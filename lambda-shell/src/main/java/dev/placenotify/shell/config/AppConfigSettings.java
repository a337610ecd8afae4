package dev.placenotify.shell.config;

import dev.placenotify.model.env.AppConfigEnv;
import dev.placenotify.model.env.CommonEnv;
import dev.placenotify.shell.AwsSettings;
import dev.placenotify.shell.EnvConfig;
import java.time.Duration;
import java.util.Optional;

/**
 * Where a stage reads its live store settings and rules: an AWS AppConfig application, environment and
 * the two configuration profiles, read through the AppConfig data API. No application configured means
 * no live configuration: the bundled files (or {@code STORES_FILE}/{@code RULES_FILE}) are the settings.
 *
 * @param maxAge how long a read document is reused before AppConfig is asked again (Powertools' cache); AppConfig's
 *               own minimum poll interval for a session is 60 s, so shorter ages only help against a simulator
 */
public record AppConfigSettings(Optional<String> application, String environment, String storesProfile,
                                String rulesProfile, Duration maxAge, AwsSettings endpoint) {
    public static final String STORES_PROFILE = "stores";
    public static final String RULES_PROFILE = "rules";
    public static final Duration DEFAULT_MAX_AGE = Duration.ofSeconds(60);

    public AppConfigSettings {
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalStateException("configuration APPCONFIG_MAX_AGE_SECONDS must be positive, was " + maxAge);
        }
    }

    public static AppConfigSettings from(EnvConfig env) {
        return new AppConfigSettings(
                env.optional(AppConfigEnv.APPCONFIG_APPLICATION),
                env.string(AppConfigEnv.APPCONFIG_ENVIRONMENT, env.string(CommonEnv.ENVIRONMENT_NAME, "dev")),
                env.string(AppConfigEnv.APPCONFIG_STORES_PROFILE, STORES_PROFILE),
                env.string(AppConfigEnv.APPCONFIG_RULES_PROFILE, RULES_PROFILE),
                env.seconds(AppConfigEnv.APPCONFIG_MAX_AGE_SECONDS, DEFAULT_MAX_AGE),
                AwsSettings.forService(env, AppConfigEnv.APPCONFIGDATA_ENDPOINT_URL));
    }

    /** Settings that read nothing live (tests, tools). */
    public static AppConfigSettings off() {
        return new AppConfigSettings(Optional.empty(), "dev", STORES_PROFILE, RULES_PROFILE, DEFAULT_MAX_AGE,
                new AwsSettings("ap-northeast-2", Optional.empty()));
    }

    public boolean enabled() {
        return application.isPresent();
    }

    /** For logs: where the live documents come from. */
    public String describe() {
        return application.map(a -> "AppConfig " + a + "/" + environment).orElse("no AppConfig (bundled files)");
    }
}
