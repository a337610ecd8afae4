package dev.placenotify.notifier;

/**
 * Escaping for Slack mrkdwn: {@code &}, {@code <} and {@code >} are control characters there
 * ({@code <!channel>} would ping everyone), so dynamic text carries them as entities.
 */
public final class SlackText {
    private SlackText() {}

    public static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
