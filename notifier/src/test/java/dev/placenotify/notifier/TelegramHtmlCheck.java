package dev.placenotify.notifier;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reading of Telegram's HTML parse mode for tests: only Telegram's tags, properly nested and
 * closed; every {@code &} starts one of the four named entities or a numeric one. Returns the visible text.
 */
final class TelegramHtmlCheck {
    private static final Set<String> TAGS = Set.of("b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "code", "pre");
    private static final Pattern TAG = Pattern.compile("<(/?)([a-z]+)>");
    private static final Pattern ENTITY = Pattern.compile("&(lt|gt|amp|quot|#\\d{1,7});");

    private TelegramHtmlCheck() {}

    static String visibleText(String html) {
        StringBuilder visible = new StringBuilder();
        Deque<String> open = new ArrayDeque<>();
        int i = 0;
        while (i < html.length()) {
            char c = html.charAt(i);
            if (c == '<') {
                Matcher m = TAG.matcher(html).region(i, html.length());
                if (!m.lookingAt() || !TAGS.contains(m.group(2))) {
                    throw new IllegalArgumentException("bad tag at " + i + ": " + snippet(html, i));
                }
                if (m.group(1).isEmpty()) {
                    open.push(m.group(2));
                } else if (open.isEmpty() || !open.pop().equals(m.group(2))) {
                    throw new IllegalArgumentException("unbalanced </" + m.group(2) + "> at " + i);
                }
                i = m.end();
            } else if (c == '&') {
                Matcher m = ENTITY.matcher(html).region(i, html.length());
                if (!m.lookingAt()) {
                    throw new IllegalArgumentException("bare & at " + i + ": " + snippet(html, i));
                }
                visible.append(switch (m.group(1)) {
                    case "lt" -> "<";
                    case "gt" -> ">";
                    case "amp" -> "&";
                    case "quot" -> "\"";
                    default -> Character.toString(Integer.parseInt(m.group(1).substring(1)));
                });
                i = m.end();
            } else if (c == '>') {
                throw new IllegalArgumentException("bare > at " + i + ": " + snippet(html, i));
            } else {
                visible.append(c);
                i++;
            }
        }
        if (!open.isEmpty()) {
            throw new IllegalArgumentException("unclosed <" + open.peek() + ">");
        }
        return visible.toString();
    }

    private static String snippet(String s, int at) {
        return s.substring(Math.max(0, at - 20), Math.min(s.length(), at + 20));
    }
}
