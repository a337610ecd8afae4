package dev.placenotify.infra;

import java.util.Locale;

/** Construct ids from the topology's names; they are the resources' logical ids, so they never change. */
final class ConstructIds {
    private ConstructIds() {}

    /** {@code sms} → {@code Sms}, {@code session-renewal} → {@code SessionRenewal}. */
    static String pascal(String s) {
        StringBuilder b = new StringBuilder();
        for (String part : s.split("[-_ ]")) {
            if (!part.isEmpty()) {
                b.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
            }
        }
        return b.toString();
    }
}
