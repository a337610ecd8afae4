package dev.placenotify.model.env;

import java.util.Set;

/**
 * Where a function reads live store settings and rules (AWS AppConfig); docs/configuration.md.
 */
public final class AppConfigEnv {
    /** The AppConfig application; unset means no live configuration. */
    public static final String APPCONFIG_APPLICATION = "APPCONFIG_APPLICATION";
    /** The AppConfig environment (default: the environment name). */
    public static final String APPCONFIG_ENVIRONMENT = "APPCONFIG_ENVIRONMENT";
    /** The stores profile. */
    public static final String APPCONFIG_STORES_PROFILE = "APPCONFIG_STORES_PROFILE";
    /** The rules profile. */
    public static final String APPCONFIG_RULES_PROFILE = "APPCONFIG_RULES_PROFILE";
    /** How long a read document is reused. */
    public static final String APPCONFIG_MAX_AGE_SECONDS = "APPCONFIG_MAX_AGE_SECONDS";
    /** The AppConfig data API's own endpoint. */
    public static final String APPCONFIGDATA_ENDPOINT_URL = "APPCONFIGDATA_ENDPOINT_URL";

    private AppConfigEnv() {}

    /** Every name above. */
    public static Set<String> names() {
        return EnvNames.declaredIn(AppConfigEnv.class);
    }
}
