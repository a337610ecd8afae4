package dev.placenotify.testsupport.sim;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Telegram's {@code parse_mode=HTML} parser, as strict as the real one on the points that bite a
 * sender: only a fixed set of tags, tags must nest and close, and every {@code <} or {@code &} in
 * user data must be escaped. {@link #visibleText} returns the text the recipient sees, whose length
 * is what the 4096-character limit applies to.
 */
final class TelegramHtml {
    static final Set<String> SUPPORTED_TAGS = Set.of("b", "strong", "i", "em", "u", "ins", "s", "strike", "del",
            "a", "code", "pre", "tg-spoiler", "span", "blockquote");
    private static final Map<String, String> NAMED_ENTITIES = Map.of("lt", "<", "gt", ">", "amp", "&", "quot", "\"");

    /** Why the HTML cannot be parsed, worded after Telegram's own messages. */
    static final class ParseError extends Exception {
        ParseError(String message) {
            super(message, null, false, false);
        }
    }

    private TelegramHtml() {}

    static String visibleText(String html) throws ParseError {
        StringBuilder visible = new StringBuilder(html.length());
        Deque<String> open = new ArrayDeque<>();
        int i = 0;
        while (i < html.length()) {
            char c = html.charAt(i);
            if (c == '<' && i + 1 < html.length() && html.charAt(i + 1) == '/') {
                i = closeTag(html, i, open);
            } else if (c == '<') {
                i = openTag(html, i, open);
            } else if (c == '&') {
                i = entity(html, i, visible);
            } else {
                visible.append(c);
                i++;
            }
        }
        if (!open.isEmpty()) {
            throw new ParseError("Can't find end tag corresponding to start tag \"" + open.peek() + "\"");
        }
        return visible.toString();
    }

    private static int openTag(String html, int start, Deque<String> open) throws ParseError {
        int nameEnd = start + 1;
        while (nameEnd < html.length() && (Character.isLetterOrDigit(html.charAt(nameEnd)) || html.charAt(nameEnd) == '-')) {
            nameEnd++;
        }
        String name = html.substring(start + 1, nameEnd).toLowerCase(Locale.ROOT);
        if (!SUPPORTED_TAGS.contains(name)) {
            throw new ParseError("Unsupported start tag \"" + name + "\" at byte offset " + byteOffset(html, start));
        }
        int end = tagEnd(html, nameEnd);
        if (end < 0) {
            throw new ParseError("Unclosed start tag at byte offset " + byteOffset(html, start));
        }
        open.push(name);
        return end + 1;
    }

    private static int closeTag(String html, int start, Deque<String> open) throws ParseError {
        int end = html.indexOf('>', start);
        if (end < 0) {
            throw new ParseError("Unclosed end tag at byte offset " + byteOffset(html, start));
        }
        String name = html.substring(start + 2, end).trim().toLowerCase(Locale.ROOT);
        if (open.isEmpty()) {
            throw new ParseError("Unexpected end tag at byte offset " + byteOffset(html, start));
        }
        if (!open.peek().equals(name)) {
            throw new ParseError("Can't find end tag corresponding to start tag \"" + open.peek() + "\"");
        }
        open.pop();
        return end + 1;
    }

    /** Index of the {@code >} ending a start tag, skipping quoted attribute values; -1 if none. */
    private static int tagEnd(String html, int from) {
        char quote = 0;
        for (int i = from; i < html.length(); i++) {
            char c = html.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '>') {
                return i;
            } else if (c == '<') {
                return -1;
            }
        }
        return -1;
    }

    private static int entity(String html, int start, StringBuilder visible) throws ParseError {
        int semicolon = html.indexOf(';', start);
        String name = semicolon < 0 || semicolon - start > 10 ? null : html.substring(start + 1, semicolon);
        String decoded = name == null ? null : decode(name);
        if (decoded == null) {
            throw new ParseError("Character '&' at byte offset " + byteOffset(html, start)
                    + " is not part of an entity and must be escaped as &amp;");
        }
        visible.append(decoded);
        return semicolon + 1;
    }

    private static String decode(String name) {
        String named = NAMED_ENTITIES.get(name);
        if (named != null) {
            return named;
        }
        try {
            if (name.startsWith("#x") || name.startsWith("#X")) {
                return Character.toString(Integer.parseInt(name.substring(2), 16));
            }
            if (name.startsWith("#")) {
                return Character.toString(Integer.parseInt(name.substring(1)));
            }
        } catch (IllegalArgumentException notACodePoint) {
            return null;
        }
        return null;
    }

    private static int byteOffset(String html, int index) {
        return html.substring(0, index).getBytes(StandardCharsets.UTF_8).length;
    }
}
