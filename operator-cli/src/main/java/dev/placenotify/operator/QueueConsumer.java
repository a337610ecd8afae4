package dev.placenotify.operator;

import dev.placenotify.model.QueueSpec;
import dev.placenotify.model.Topology;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What consumes a queue, and so whose dead letters a DLQ holds: the four pipeline stages and the two functions
 * beside them (the session renewal the fetcher asks for, the delivery checks the sender enqueues). Both side
 * functions are safe to replay (a renewal takes a lease, a check finds a final record and asks SENS nothing).
 */
public enum QueueConsumer {
    FETCHER("fetcher", Topology.FETCH),
    PLANNER("planner", Topology.SNAPSHOT),
    SENDER("sender", Topology.SMS),
    NOTIFIER("notifier", Topology.RESULT),
    SESSION_RENEWAL("session-renewal", Topology.RENEWAL),
    DELIVERY_CHECK("delivery-check", Topology.DELIVERY);

    private final String displayName;
    private final QueueSpec input;

    QueueConsumer(String displayName, QueueSpec input) {
        this.displayName = displayName;
        this.input = input;
    }

    public String displayName() {
        return displayName;
    }

    public QueueSpec input() {
        return input;
    }

    /** By its name as the operator types it, in any case; {@code session_renewal} for {@code session-renewal} too. */
    public static Optional<QueueConsumer> named(String name) {
        String wanted = name.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        return Arrays.stream(values()).filter(c -> c.displayName.equals(wanted)).findFirst();
    }
}
