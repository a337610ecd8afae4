package dev.placenotify.notifier;

import java.util.ArrayList;
import java.util.List;

/** Joins lines into parts under a character limit, breaking between lines, and inside a line only if it alone is too long. */
public final class TextSplitter {
    private TextSplitter() {}

    public static List<String> split(List<String> lines, int limit) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : lines) {
            for (String piece : pieces(line, limit)) {
                if (current.length() > 0 && current.length() + 1 + piece.length() > limit) {
                    parts.add(current.toString());
                    current.setLength(0);
                }
                if (current.length() > 0) {
                    current.append('\n');
                }
                current.append(piece);
            }
        }
        if (current.length() > 0) {
            parts.add(current.toString());
        }
        return parts;
    }

    private static List<String> pieces(String line, int limit) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (line.length() - i > limit) {
            int end = i + limit;
            if (Character.isHighSurrogate(line.charAt(end - 1)) && end - 1 > i) {
                end--;
            }
            // Never cut an HTML entity in half.
            int amp = line.lastIndexOf('&', end - 1);
            if (amp > i && line.indexOf(';', amp) >= end) {
                end = amp;
            }
            out.add(line.substring(i, end));
            i = end;
        }
        out.add(line.substring(i));
        return out;
    }
}
