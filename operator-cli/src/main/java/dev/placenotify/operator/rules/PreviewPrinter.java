package dev.placenotify.operator.rules;

import dev.placenotify.model.RunNote;
import dev.placenotify.operator.Json;
import dev.placenotify.operator.Kst;
import dev.placenotify.operator.TextTable;
import dev.placenotify.operator.rules.PreviewReport.NoteLine;
import dev.placenotify.operator.rules.PreviewReport.RuleResult;
import dev.placenotify.operator.rules.PreviewReport.SkipLine;
import dev.placenotify.operator.rules.PreviewReport.TextLine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The preview as an owner reads it (per rule, one line per text) or as a script reads it ({@code --json}).
 * The rendered texts appear only with {@code showText}: branch guides carry door codes and Wi-Fi passwords.
 */
public final class PreviewPrinter {
    private PreviewPrinter() {}

    public static List<String> lines(List<String> header, PreviewReport report, PreviewComparison comparison,
                                     boolean showText) {
        List<String> out = new ArrayList<>(header);
        for (RuleResult r : report.rules()) {
            out.add("");
            List<String> counts = new ArrayList<>();
            if (r.sends()) {
                counts.add(count(r.texts().size(), "text", "texts"));
            }
            if (r.addsNotes()) {
                counts.add(count(r.notes().size(), "summary line", "summary lines"));
            }
            out.add(r.id() + " " + r.label() + ": " + String.join(", ", counts));
            if (!r.texts().isEmpty()) {
                indent(out, textTable(r.texts()), "  ");
            }
            if (!r.notes().isEmpty()) {
                indent(out, noteTable(r.notes()), "  ");
            }
            if (showText) {
                r.texts().forEach(t -> fullText(out, t, "  "));
            }
        }
        if (report.rules().isEmpty()) {
            out.add("");
            out.add("no rule is enabled for these stores");
        }
        out.add("");
        if (report.skipped().isEmpty()) {
            out.add("Skipped: none");
        } else {
            out.add("Skipped (" + report.skipped().size() + ")");
            TextTable t = new TextTable("BRANCH", "BOOKING", "REASON");
            report.skipped().forEach(s -> t.row(s.storeName(), s.bookingId(), s.reason()));
            indent(out, t.lines(), "  ");
        }
        if (comparison != null) {
            out.add("");
            out.addAll(comparisonLines(report.rulesSource(), comparison, showText));
        }
        return out;
    }

    static List<String> comparisonLines(String thisSource, PreviewComparison c, boolean showText) {
        List<String> out = new ArrayList<>();
        out.add("Compared with " + c.otherSource() + ":");
        if (c.same()) {
            out.add("  no difference: both would send the same texts and summary lines");
            return out;
        }
        section(out, "only " + thisSource + " would send " + count(c.onlyThis().size(), "text", "texts"), c.onlyThis(), showText);
        section(out, "only " + c.otherSource() + " would send " + count(c.onlyOther().size(), "text", "texts"), c.onlyOther(),
                showText);
        out.add("  both would send, worded differently: " + (c.reworded().isEmpty() ? "none" : c.reworded().size()));
        for (PreviewComparison.Reworded r : c.reworded()) {
            out.add("    " + r.mine().key() + ": " + r.other().type() + " " + r.other().contentType() + " → "
                    + r.mine().type() + " " + r.mine().contentType()
                    + (java.util.Objects.equals(r.mine().subject(), r.other().subject()) ? ""
                    : ", subject " + quoted(r.other().subject()) + " → " + quoted(r.mine().subject()))
                    + (java.util.Objects.equals(r.mine().text(), r.other().text()) ? "" : ", text differs"));
            if (showText) {
                fullText(out, r.other(), "    " + c.otherSource() + " ");
                fullText(out, r.mine(), "    " + thisSource + " ");
            }
        }
        if (!c.notesOnlyThis().isEmpty() || !c.notesOnlyOther().isEmpty()) {
            out.add("  summary lines only " + thisSource + " would add: " + c.notesOnlyThis().size());
            if (!c.notesOnlyThis().isEmpty()) {
                indent(out, noteTable(c.notesOnlyThis()), "    ");
            }
            out.add("  summary lines only " + c.otherSource() + " would add: " + c.notesOnlyOther().size());
            if (!c.notesOnlyOther().isEmpty()) {
                indent(out, noteTable(c.notesOnlyOther()), "    ");
            }
        }
        return out;
    }

    private static void section(List<String> out, String title, List<TextLine> texts, boolean showText) {
        out.add("  " + title);
        if (!texts.isEmpty()) {
            TextTable t = new TextTable("RULE", "BRANCH", "BOOKING", "NAME", "LAST4", "TYPE", "CONTENT", "KEY",
                    "NOT AFTER (KST)", "SUBJECT");
            texts.forEach(x -> t.row(x.rule() + " " + x.label(), x.storeName(), x.bookingId(), x.customer(), x.last4(),
                    x.type(), x.contentType(), x.key(), Kst.minutes(x.notAfter()), x.subject()));
            indent(out, t.lines(), "    ");
            if (showText) {
                texts.forEach(x -> fullText(out, x, "    "));
            }
        }
    }

    static List<String> textTable(List<TextLine> texts) {
        TextTable t = new TextTable("BRANCH", "BOOKING", "NAME", "LAST4", "TYPE", "CONTENT", "KEY", "NOT AFTER (KST)",
                "SUBJECT");
        texts.forEach(x -> t.row(x.storeName(), x.bookingId(), x.customer(), x.last4(), x.type(), x.contentType(), x.key(),
                Kst.minutes(x.notAfter()), x.subject()));
        return t.lines();
    }

    static List<String> noteTable(List<NoteLine> notes) {
        TextTable t = new TextTable("BRANCH", "BOOKING", "NAME", "LAST4", "TO", "LINE");
        notes.forEach(n -> t.row(n.storeName(), n.bookingId(), n.customer(), n.last4(), channels(n), n.text()));
        return t.lines();
    }

    private static void fullText(List<String> out, TextLine t, String indent) {
        out.add(indent + "--- " + t.key() + " (" + t.type() + ", " + t.contentType()
                + (t.subject() == null ? "" : ", subject: " + t.subject()) + ")");
        t.text().lines().forEach(l -> out.add(l.isBlank() ? "" : indent + "    " + l));
    }

    private static void indent(List<String> out, List<String> lines, String indent) {
        lines.forEach(l -> out.add(indent + l));
    }

    private static String channels(NoteLine n) {
        return n.channels().stream().map(RunNote.Channel::name).sorted().map(c -> c.toLowerCase(Locale.ROOT))
                .collect(Collectors.joining("+"));
    }

    private static String quoted(String s) {
        return s == null ? "none" : "'" + s + "'";
    }

    static String count(int n, String one, String many) {
        return n == 0 ? "no " + one : n + " " + (n == 1 ? one : many);
    }

    /** One JSON document; {@code text} fields only with {@code showText}. */
    public static String json(Map<String, Object> source, PreviewReport report, PreviewComparison comparison,
                              boolean showText) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("at", report.at().toString());
        doc.put("atKst", Kst.minutes(report.at()));
        doc.put("rulesFile", report.rulesSource());
        doc.putAll(source);
        doc.put("rules", report.rules().stream().map(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", r.id());
            m.put("label", r.label());
            m.put("priority", r.priority());
            m.put("sends", r.sends());
            m.put("addsNotes", r.addsNotes());
            m.put("texts", r.texts().stream().map(t -> text(t, showText)).toList());
            m.put("notes", r.notes().stream().map(PreviewPrinter::note).toList());
            return m;
        }).toList());
        doc.put("skipped", report.skipped().stream().map(PreviewPrinter::skip).toList());
        if (comparison != null) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("with", comparison.otherSource());
            c.put("onlyThis", comparison.onlyThis().stream().map(t -> text(t, showText)).toList());
            c.put("onlyOther", comparison.onlyOther().stream().map(t -> text(t, showText)).toList());
            c.put("reworded", comparison.reworded().stream().map(r -> Map.of("key", r.mine().key(),
                    "this", text(r.mine(), showText), "other", text(r.other(), showText))).toList());
            c.put("notesOnlyThis", comparison.notesOnlyThis().stream().map(PreviewPrinter::note).toList());
            c.put("notesOnlyOther", comparison.notesOnlyOther().stream().map(PreviewPrinter::note).toList());
            doc.put("compare", c);
        }
        return Json.write(doc);
    }

    private static Map<String, Object> text(TextLine t, boolean showText) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rule", t.rule());
        m.put("label", t.label());
        m.put("storeId", t.storeId());
        m.put("storeName", t.storeName());
        m.put("bookingId", t.bookingId());
        m.put("customer", t.customer());
        m.put("last4", t.last4());
        m.put("type", t.type().name());
        m.put("contentType", t.contentType().name());
        m.put("key", t.key());
        m.put("notAfter", t.notAfter().toString());
        m.put("subject", t.subject());
        m.put("afterKey", t.afterKey());
        if (showText) {
            m.put("text", t.text());
        }
        return m;
    }

    private static Map<String, Object> note(NoteLine n) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rule", n.rule());
        m.put("label", n.label());
        m.put("storeId", n.storeId());
        m.put("storeName", n.storeName());
        m.put("bookingId", n.bookingId());
        m.put("customer", n.customer());
        m.put("last4", n.last4());
        m.put("channels", n.channels().stream().map(RunNote.Channel::name).sorted().toList());
        m.put("key", n.key());
        m.put("text", n.text());
        return m;
    }

    private static Map<String, Object> skip(SkipLine s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("storeId", s.storeId());
        m.put("storeName", s.storeName());
        m.put("bookingId", s.bookingId());
        m.put("reason", s.reason());
        return m;
    }
}
