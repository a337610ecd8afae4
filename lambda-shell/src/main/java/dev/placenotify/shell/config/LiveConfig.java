package dev.placenotify.shell.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stage's live settings: built from the documents deployed to some configuration profiles (empty
 * profile: the bundled default), rebuilt only when a document changed, and never replaced by documents
 * that fail to build (schema, parse or cross-check). A rejected change is logged at ERROR with the marker
 * {@value #REJECTED_MARKER} (the stack turns it into an alarm that rolls the AppConfig deployment back)
 * and the last good settings stay in use. A stage that has no good settings yet (cold start) refuses to
 * work rather than fall back to the bundled files: those may be exactly what the owners replaced (a store
 * switched off, a rule disabled), so texting by them could be as wrong as texting by the bad document.
 */
public final class LiveConfig<T> {
    public static final String REJECTED_MARKER = "CONFIG_REJECTED";
    private static final Logger LOG = LoggerFactory.getLogger(LiveConfig.class);

    /** Builds the settings from the documents; throws {@link RuntimeException} (with every problem) when they must not be used. */
    @FunctionalInterface
    public interface Assembly<T> {
        T from(Documents documents);
    }

    /** The documents one value is built from: per profile, the deployed text, or empty for the bundled default. */
    public record Documents(Map<String, Optional<String>> byProfile) {
        public Documents {
            byProfile = Map.copyOf(byProfile);
        }

        public Optional<String> of(String profile) {
            return byProfile.getOrDefault(profile, Optional.empty());
        }

        /** For logs: {@code rules=bundled stores=3f9a0c1d22be}, the first 12 hex digits of each document's SHA-256. */
        public String fingerprint() {
            return byProfile.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .map(e -> e.getKey() + "=" + e.getValue().map(LiveConfig::digest).orElse("bundled"))
                    .collect(Collectors.joining(" "));
        }
    }

    /** The last change that was refused, and why. */
    public record Rejection(String fingerprint, String reason) {}

    private final String name;
    private final List<String> profiles;
    private final ConfigFeed feed;
    private final Assembly<T> assembly;
    private T value;
    private Documents used;
    private Rejection lastRejection;
    private long rejections;

    public LiveConfig(String name, List<String> profiles, ConfigFeed feed, Assembly<T> assembly) {
        this.name = Objects.requireNonNull(name, "name");
        this.profiles = List.copyOf(profiles);
        this.feed = Objects.requireNonNull(feed, "feed");
        this.assembly = Objects.requireNonNull(assembly, "assembly");
    }

    /**
     * The settings to use now. Reads the feed (cached by it), rebuilds when a document changed, keeps the
     * last good settings when the new ones fail or the feed cannot be read. Throws when there are no good
     * settings at all: the assembly's own exception for invalid documents, {@link ConfigRejectedException} when
     * the feed cannot be read; nothing may be done by settings that could not be read.
     */
    public synchronized T current() {
        Documents fetched;
        try {
            fetched = fetch();
        } catch (RuntimeException e) {
            if (value == null) {
                throw new ConfigRejectedException(name + ": cannot read the live configuration (" + e.getMessage()
                        + "); refusing to work by settings that could not be read", e);
            }
            LOG.warn("{}: live configuration unreadable ({}); keeping {}", name, e.getMessage(), used.fingerprint());
            return value;
        }
        if (value != null && fetched.equals(used)) {
            return value;
        }
        String fingerprint = fetched.fingerprint();
        if (value != null && lastRejection != null && lastRejection.fingerprint().equals(fingerprint)) {
            return value; // refused already, and said so
        }
        try {
            T built = Objects.requireNonNull(assembly.from(fetched), "assembly built nothing");
            if (value == null) {
                LOG.info("{}: using {}", name, fingerprint);
            } else {
                LOG.info("{}: live configuration changed, now using {} (was {})", name, fingerprint, used.fingerprint());
            }
            value = built;
            used = fetched;
            lastRejection = null;
            return value;
        } catch (RuntimeException e) {
            rejections++;
            lastRejection = new Rejection(fingerprint, String.valueOf(e.getMessage()));
            if (value == null) {
                LOG.error("{} {}: {} refused and there are no good settings to keep: not working until it is fixed "
                        + "or rolled back: {}", REJECTED_MARKER, name, fingerprint, e.getMessage());
                throw e; // as it is: the problems with their JSON paths, as a planner without live configuration reports them
            }
            LOG.error("{} {}: {} refused, keeping {}: {}", REJECTED_MARKER, name, fingerprint, used.fingerprint(),
                    e.getMessage());
            return value;
        }
    }

    /** The fingerprint of the documents in use, or empty before the first good build. */
    public synchronized Optional<String> inUse() {
        return Optional.ofNullable(used).map(Documents::fingerprint);
    }

    public synchronized Optional<Rejection> lastRejection() {
        return Optional.ofNullable(lastRejection);
    }

    public synchronized long rejections() {
        return rejections;
    }

    private Documents fetch() {
        Map<String, Optional<String>> docs = new LinkedHashMap<>();
        for (String p : profiles) {
            docs.put(p, feed.latest(p));
        }
        return new Documents(docs);
    }

    static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** No good settings: the stage must not work until the configuration is fixed or rolled back. */
    public static final class ConfigRejectedException extends IllegalStateException {
        public ConfigRejectedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
