package dev.placenotify.model;

import java.util.List;
import java.util.Map;

/** Validation for message components: a missing field must name itself, so a DLQ'd message explains why. */
public final class Required {
    private Required() {}

    public static <T> T field(T value, String name) {
        if (value == null) {
            throw new IllegalArgumentException("missing required field '" + name + "'");
        }
        if (value instanceof String s && s.isBlank()) {
            throw new IllegalArgumentException("required field '" + name + "' is blank");
        }
        return value;
    }

    public static int schemaVersion(Integer version) {
        field(version, "schemaVersion");
        if (version < 1 || version > Messages.SCHEMA_VERSION) {
            throw new IllegalArgumentException("unsupported schemaVersion " + version
                    + " (this build reads 1.." + Messages.SCHEMA_VERSION + ")");
        }
        return version;
    }

    public static <T> List<T> list(List<T> value) {
        return value == null ? List.of() : List.copyOf(value);
    }

    public static <K, V> Map<K, V> map(Map<K, V> value) {
        return value == null ? Map.of() : Map.copyOf(value);
    }
}
