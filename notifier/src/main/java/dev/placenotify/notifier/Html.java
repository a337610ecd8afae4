package dev.placenotify.notifier;

/** Escaping for Telegram's HTML parse mode, which accepts only &lt; &gt; &amp; &quot; entities. */
public final class Html {
    private Html() {}

    public static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
