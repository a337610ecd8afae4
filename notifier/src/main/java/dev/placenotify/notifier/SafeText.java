package dev.placenotify.notifier;

import java.util.regex.Pattern;

/**
 * Free text from other stages (failure reasons, skip reasons, alert details) made fit for a chat
 * message: phone numbers masked, one line, bounded length. The stages already mask what they write;
 * this is the second line of defence, because a summary is read by people who must not see customers.
 */
public final class SafeText {
    /**
     * Korean phone numbers, mobile or landline, with or without separators; deliberately also inside
     * longer digit runs, where masking a little too much is the safe mistake.
     */
    private static final Pattern PHONE = Pattern.compile("(0\\d{1,2})[-. ]?(\\d{3,4})[-. ]?(\\d{4})");
    private static final Pattern INTERNATIONAL = Pattern.compile("\\+?82[-. ]?(1\\d)[-. ]?(\\d{3,4})[-. ]?(\\d{4})");

    private SafeText() {}

    public static String of(String raw, int maxLength) {
        if (raw == null || raw.isBlank()) {
            return "(no detail)";
        }
        String masked = INTERNATIONAL.matcher(raw).replaceAll("+82-$1-****-$3");
        masked = PHONE.matcher(masked).replaceAll("$1-****-$3");
        return oneLine(masked, maxLength);
    }

    /** One line, bounded, not masked: only for the notifier's own text that holds no personal data. */
    static String oneLine(String raw, int maxLength) {
        if (raw == null || raw.isBlank()) {
            return "(no detail)";
        }
        String oneLine = raw.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= maxLength ? oneLine : oneLine.substring(0, maxLength - 1) + "…";
    }
}
