package dev.placenotify.operator;

import dev.placenotify.model.Messages;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/** How the CLI shows times: Korean time, as the stores and the schedule think of them. */
public final class Kst {
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(Messages.KST);
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(Messages.KST);

    private Kst() {}

    public static String minutes(Instant at) {
        return at == null ? "-" : MINUTES.format(at);
    }

    public static String seconds(Instant at) {
        return at == null ? "-" : SECONDS.format(at) + " KST";
    }

    /** A parsed ISO instant as KST minutes, or the text itself when it is not one. */
    public static String minutes(String iso) {
        if (iso == null || iso.isBlank()) {
            return "-";
        }
        try {
            return minutes(Instant.parse(iso));
        } catch (RuntimeException e) {
            return iso;
        }
    }

    /** 3d4h, 2h5m, 4m10s, 12s. */
    public static String age(Duration d) {
        if (d == null) {
            return "-";
        }
        long s = Math.max(0, d.toSeconds());
        if (s >= 86_400) {
            return s / 86_400 + "d" + (s % 86_400) / 3600 + "h";
        }
        if (s >= 3600) {
            return s / 3600 + "h" + (s % 3600) / 60 + "m";
        }
        if (s >= 60) {
            return s / 60 + "m" + s % 60 + "s";
        }
        return s + "s";
    }
}
