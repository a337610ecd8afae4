package dev.placenotify.notifier;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Delivery results counted by category, store and rule, with the lines worth naming (carrier failures, UNKNOWN
 * sends found or proven absent). Categories: DELIVERED, FAILED (the carrier's final results of texts SENS
 * accepted), FOUND (an UNKNOWN send SENS had after all: now sent), ABSENT (an UNKNOWN send SENS never got).
 * Pure.
 *
 * @param counts by {@code CATEGORY|storeId|rule}
 * @param labels the rules' labels in the owners' words
 * @param lines  {@link Line}s, in arrival order
 */
public record DeliveryCounts(Map<String, Integer> counts, Map<String, String> labels, List<Line> lines) {
    public static final List<String> CATEGORIES = List.of("DELIVERED", "FAILED", "FOUND", "ABSENT");

    /** One named result: what, where, who (masked name, last four digits), and SENS's code and reason. */
    public record Line(String category, String storeId, String rule, String customer, String phoneLast4, String code,
                       String reason) {
        static final String SEPARATOR = "\t";

        String encode() {
            return String.join(SEPARATOR, category, storeId, rule, nz(customer), nz(phoneLast4), nz(code), nz(reason));
        }

        static Line decode(String s) {
            String[] p = s.split(SEPARATOR, -1);
            return new Line(p[0], p[1], p[2], p[3], p[4], p[5], p.length > 6 ? p[6] : "");
        }

        private static String nz(String s) {
            return s == null ? "" : s.replace(SEPARATOR, " ").replace('\n', ' ');
        }
    }

    public static DeliveryCounts empty() {
        return new DeliveryCounts(Map.of(), Map.of(), List.of());
    }

    public DeliveryCounts {
        counts = Map.copyOf(counts);
        labels = Map.copyOf(labels);
        lines = List.copyOf(lines);
    }

    public static String countKey(String category, String storeId, String rule) {
        return category + "|" + storeId + "|" + rule;
    }

    public int total(String category) {
        return counts.entrySet().stream().filter(e -> e.getKey().startsWith(category + "|")).mapToInt(Map.Entry::getValue).sum();
    }

    public boolean isEmpty() {
        return counts.values().stream().allMatch(n -> n == 0);
    }

    /** By store, then rule: the count of each category. */
    public Map<String, Map<String, Map<String, Integer>>> byStoreAndRule() {
        Map<String, Map<String, Map<String, Integer>>> out = new TreeMap<>();
        counts.forEach((k, n) -> {
            String[] p = k.split("\\|", 3);
            if (n > 0 && p.length == 3) {
                out.computeIfAbsent(p[1], s -> new TreeMap<>()).computeIfAbsent(p[2], r -> new TreeMap<>()).merge(p[0], n, Integer::sum);
            }
        });
        return out;
    }

    public DeliveryCounts plus(DeliveryCounts other) {
        Map<String, Integer> c = new TreeMap<>(counts);
        other.counts.forEach((k, n) -> c.merge(k, n, Integer::sum));
        Map<String, String> l = new TreeMap<>(labels);
        l.putAll(other.labels);
        List<Line> all = new ArrayList<>(lines);
        all.addAll(other.lines);
        return new DeliveryCounts(c, l, all);
    }
}
