package dev.placenotify.notifier;

import dev.placenotify.model.StoreCatalog;
import dev.placenotify.shell.config.ConfigFeed;
import dev.placenotify.shell.config.LiveConfig;
import dev.placenotify.shell.config.LiveStores;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The branch names the summaries use, live from AppConfig's stores profile. Names decide no text, so unlike
 * the planner and fetcher the notifier never stops over them: with no good live document (a cold start with
 * a bad one, AppConfig unreachable) it names branches from the bundled catalog, and says so in its log.
 */
final class LiveStoreNames implements Supplier<StoreCatalog> {
    private static final Logger LOG = LoggerFactory.getLogger(LiveStoreNames.class);

    private final LiveConfig<StoreCatalog> live;
    private final Supplier<StoreCatalog> bundled;
    private final long reuseNanos;
    private StoreCatalog last;
    private long readAt;

    /**
     * @param reuse how long one read serves every line of the summaries (the document's own cache age): a
     *              summary of hundreds of lines asks once, and an AppConfig outage costs one failed read, not one per line
     */
    LiveStoreNames(LiveConfig<StoreCatalog> live, Supplier<StoreCatalog> bundled, java.time.Duration reuse) {
        this.live = live;
        this.bundled = bundled;
        this.reuseNanos = reuse.toNanos();
    }

    static LiveStoreNames of(NotifierConfig config) {
        StoreCatalog fallback = StoreCatalog.load(config.storesFile());
        return new LiveStoreNames(LiveStores.of("notifier store names", config.appConfig(), config.storesFile(),
                ConfigFeed.of(config.appConfig())), () -> fallback, config.appConfig().maxAge());
    }

    @Override
    public synchronized StoreCatalog get() {
        long now = System.nanoTime();
        if (last != null && now - readAt < reuseNanos) {
            return last;
        }
        try {
            last = live.current();
        } catch (RuntimeException e) {
            LOG.warn("store names: no good live store document ({}); naming branches from the bundled catalog", e.getMessage());
            last = bundled.get();
        }
        readAt = now;
        return last;
    }
}
