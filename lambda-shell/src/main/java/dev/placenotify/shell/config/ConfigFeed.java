package dev.placenotify.shell.config;

import java.util.Optional;

/** Where live documents come from: the document deployed to a profile now, if any. */
@FunctionalInterface
public interface ConfigFeed {
    /**
     * The document deployed to {@code profile}, or empty when nothing was ever deployed there (the bundled
     * default applies). Throws when the source cannot be read.
     */
    Optional<String> latest(String profile);

    /** No live configuration: every profile is empty, so the bundled defaults apply. */
    static ConfigFeed none() {
        return profile -> Optional.empty();
    }

    /** AppConfig when the settings name an application, else {@link #none()}. */
    static ConfigFeed of(AppConfigSettings settings) {
        return settings.enabled() ? AppConfigFeed.create(settings) : none();
    }
}
