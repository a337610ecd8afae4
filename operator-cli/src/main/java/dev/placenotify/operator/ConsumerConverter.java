package dev.placenotify.operator;

import java.util.Arrays;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code fetcher|planner|sender|notifier|session-renewal|delivery-check}, in any case. */
public final class ConsumerConverter implements ITypeConverter<QueueConsumer> {
    public static final String NAMES = Arrays.stream(QueueConsumer.values()).map(QueueConsumer::displayName)
            .collect(Collectors.joining("|"));

    @Override
    public QueueConsumer convert(String value) {
        return QueueConsumer.named(value).orElseThrow(() ->
                new TypeConversionException("unknown stage '" + value + "': one of " + NAMES));
    }
}
