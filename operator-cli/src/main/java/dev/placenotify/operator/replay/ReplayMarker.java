package dev.placenotify.operator.replay;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import dev.placenotify.model.Messages;
import java.util.HexFormat;

/**
 * The message attributes a replay puts on every message it moves ({@code pn-replay}: the replay's id;
 * {@code pn-replayed-from}: the message's id in the DLQ). SQS's
 * redrive policy keeps message attributes, so a moved message that fails again and is redriven to the DLQ
 * still says which replay sent it: that replay does not move it a second time and reports it as come back.
 * (A stage that dead-letters a message itself names the input message's id in {@code pn-original-message-id}
 * instead, which the replay also recognises.)
 */
public final class ReplayMarker {
    public static final String ATTR = "pn-replay";
    /** The id the moved message had in the DLQ, so a copy that comes back can be traced to it. */
    public static final String ATTR_FROM = "pn-replayed-from";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(Messages.KST);
    private static final SecureRandom RANDOM = new SecureRandom();

    private ReplayMarker() {}

    /** {@code r20251022T140512-3fa9c1}: when (KST) and a random suffix, so two replays never share an id. */
    public static String newReplayId(Instant now) {
        byte[] suffix = new byte[3];
        RANDOM.nextBytes(suffix);
        return "r" + STAMP.format(now) + "-" + HexFormat.of().formatHex(suffix);
    }
}
