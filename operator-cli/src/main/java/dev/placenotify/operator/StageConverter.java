package dev.placenotify.operator;

import dev.placenotify.model.Topology;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code fetcher|planner|sender|notifier}, in any case. */
public final class StageConverter implements ITypeConverter<Topology.Stage> {
    public static final String NAMES = Arrays.stream(Topology.Stage.values()).map(Topology.Stage::lowerName)
            .collect(Collectors.joining("|"));

    @Override
    public Topology.Stage convert(String value) {
        try {
            return Topology.Stage.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("unknown stage '" + value + "': one of " + NAMES);
        }
    }
}
