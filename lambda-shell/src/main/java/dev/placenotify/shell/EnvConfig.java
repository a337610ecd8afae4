package dev.placenotify.shell;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Typed reads of a stage's environment; a missing or malformed value names the variable. */
public final class EnvConfig {
    private final Map<String, String> env;

    public EnvConfig(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    public static EnvConfig fromSystem() {
        return new EnvConfig(System.getenv());
    }

    public String required(String name) {
        return optional(name).orElseThrow(() -> new IllegalStateException("missing configuration " + name));
    }

    public Optional<String> optional(String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
    }

    public String string(String name, String fallback) {
        return optional(name).orElse(fallback);
    }

    public int integer(String name, int fallback) {
        return optional(name).map(v -> parse(name, v, Integer::parseInt)).orElse(fallback);
    }

    public boolean flag(String name, boolean fallback) {
        return optional(name).map(v -> switch (v.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new IllegalStateException("configuration " + name + " must be true or false, was " + v);
        }).orElse(fallback);
    }

    public Duration seconds(String name, Duration fallback) {
        return optional(name).map(v -> Duration.ofMillis(parse(name, v, s -> (long) (Double.parseDouble(s) * 1000))))
                .orElse(fallback);
    }

    public Optional<URI> uri(String name) {
        return optional(name).map(v -> parse(name, v, URI::create));
    }

    public Optional<Path> path(String name) {
        return optional(name).map(Path::of);
    }

    private static <T> T parse(String name, String value, java.util.function.Function<String, T> parser) {
        try {
            return parser.apply(value);
        } catch (RuntimeException e) {
            throw new IllegalStateException("configuration " + name + " is malformed: " + value, e);
        }
    }
}
