package dev.placenotify.sender;

import dev.placenotify.model.Messages;
import java.time.Instant;
import java.time.LocalTime;

/** Korean law: no advertising SMS from 21:00 to 08:00 KST without separate consent. */
public final class QuietHours {
    private static final LocalTime START = LocalTime.of(21, 0);
    private static final LocalTime END = LocalTime.of(8, 0);

    private QuietHours() {}

    public static boolean contains(Instant at) {
        LocalTime t = at.atZone(Messages.KST).toLocalTime();
        return !t.isBefore(START) || t.isBefore(END);
    }
}
