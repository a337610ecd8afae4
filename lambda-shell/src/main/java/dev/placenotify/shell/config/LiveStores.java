package dev.placenotify.shell.config;

import dev.placenotify.model.StoreCatalog;
import dev.placenotify.model.StoreCatalogSchema;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The store catalog alone, live from the {@code stores} profile (the fetcher's store list and per-store
 * settings, the notifier's branch names), with the bundled {@code stores.json} (or {@code STORES_FILE}) as the
 * default when nothing is deployed. The same {@link LiveConfig}: cached by the feed, rebuilt only on change,
 * a document that fails its schema never used (the last good one stays; a cold start with no good one refuses).
 */
public final class LiveStores {
    private LiveStores() {}

    public static LiveConfig<StoreCatalog> of(String name, AppConfigSettings app, Optional<Path> storesFile, ConfigFeed feed) {
        String profile = app.storesProfile();
        return new LiveConfig<>(name, List.of(profile), feed, docs -> docs.of(profile)
                .map(text -> StoreCatalogSchema.parse(text, "from AppConfig profile " + profile))
                .orElseGet(() -> StoreCatalog.load(storesFile)));
    }
}
