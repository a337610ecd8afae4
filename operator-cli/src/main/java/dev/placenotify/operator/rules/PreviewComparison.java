package dev.placenotify.operator.rules;

import dev.placenotify.operator.rules.PreviewReport.NoteLine;
import dev.placenotify.operator.rules.PreviewReport.TextLine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Two rule sets on the same bookings and states: the texts (and summary lines) only one of them would
 * send, by idempotency key, and the texts both would send under the same key but worded differently.
 */
public record PreviewComparison(String otherSource, List<TextLine> onlyThis, List<TextLine> onlyOther,
                                List<Reworded> reworded, List<NoteLine> notesOnlyThis, List<NoteLine> notesOnlyOther) {
    public PreviewComparison {
        onlyThis = List.copyOf(onlyThis);
        onlyOther = List.copyOf(onlyOther);
        reworded = List.copyOf(reworded);
        notesOnlyThis = List.copyOf(notesOnlyThis);
        notesOnlyOther = List.copyOf(notesOnlyOther);
    }

    /** The same message (key) with another type, content type, subject or text. */
    public record Reworded(TextLine mine, TextLine other) {}

    public boolean same() {
        return onlyThis.isEmpty() && onlyOther.isEmpty() && reworded.isEmpty() && notesOnlyThis.isEmpty()
                && notesOnlyOther.isEmpty();
    }

    public static PreviewComparison of(PreviewReport mine, PreviewReport other) {
        Map<String, TextLine> a = byKey(mine.texts());
        Map<String, TextLine> b = byKey(other.texts());
        List<Reworded> reworded = new ArrayList<>();
        a.forEach((key, t) -> {
            TextLine o = b.get(key);
            if (o != null && (o.type() != t.type() || o.contentType() != t.contentType()
                    || !Objects.equals(o.subject(), t.subject()) || !Objects.equals(o.text(), t.text()))) {
                reworded.add(new Reworded(t, o));
            }
        });
        Map<String, NoteLine> na = notesByKey(mine.notes());
        Map<String, NoteLine> nb = notesByKey(other.notes());
        return new PreviewComparison(other.rulesSource(), missingFrom(a, b), missingFrom(b, a), reworded,
                missingFrom(na, nb), missingFrom(nb, na));
    }

    private static <T> List<T> missingFrom(Map<String, T> from, Map<String, T> in) {
        return from.entrySet().stream().filter(e -> !in.containsKey(e.getKey())).map(Map.Entry::getValue).toList();
    }

    private static Map<String, TextLine> byKey(List<TextLine> texts) {
        Map<String, TextLine> m = new LinkedHashMap<>();
        texts.forEach(t -> m.put(t.key(), t));
        return m;
    }

    private static Map<String, NoteLine> notesByKey(List<NoteLine> notes) {
        Map<String, NoteLine> m = new LinkedHashMap<>();
        notes.forEach(n -> m.put(n.key(), n));
        return m;
    }
}
