package dev.placenotify.operator.config;

import dev.placenotify.shell.config.AppConfigSettings;

/** What a live document holds: the store catalog or the rule set, each in its own AppConfig profile. */
public enum ConfigKind {
    STORES(AppConfigSettings.STORES_PROFILE),
    RULES(AppConfigSettings.RULES_PROFILE);

    private final String profile;

    ConfigKind(String profile) {
        this.profile = profile;
    }

    public String profile() {
        return profile;
    }
}
