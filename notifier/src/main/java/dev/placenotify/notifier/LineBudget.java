package dev.placenotify.notifier;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Fits sections of lines into a character budget, in priority order: each section keeps its lines in
 * order while they fit, and what does not fit is said in one last line, {@code …외 N건}, so a cut summary
 * still accounts for everything. A later section is always left room for at least that line.
 */
final class LineBudget {
    private LineBudget() {}

    /**
     * A section's lines; {@code alreadyOmitted} more were left out before (the ledger had no room for
     * them) and are counted in the same "…외 N건" line.
     */
    record Section(List<String> lines, int alreadyOmitted) {
        Section(List<String> lines) {
            this(lines, 0);
        }

        boolean isEmpty() {
            return lines.isEmpty() && alreadyOmitted == 0;
        }

        /** The same lines escaped for a channel (escaping lengthens them: the budget counts what is sent). */
        Section escaped(Function<String, String> escape) {
            return new Section(lines.stream().map(escape).toList(), alreadyOmitted);
        }
    }

    static String more(int n) {
        return "…외 " + n + "건";
    }

    /** Characters a line takes in a post, with the line break after it. */
    static int cost(String line) {
        return line.length() + 1;
    }

    static int cost(List<String> lines) {
        return lines.stream().mapToInt(LineBudget::cost).sum();
    }

    /** The lines each section keeps (with its "…외 N건" line when cut), in the sections' order, within {@code budget}. */
    static List<List<String>> fit(List<Section> sections, int budget) {
        int[] reserve = new int[sections.size() + 1];
        for (int k = sections.size() - 1; k >= 0; k--) {
            Section s = sections.get(k);
            reserve[k] = reserve[k + 1] + (s.isEmpty() ? 0 : cost(more(s.lines().size() + s.alreadyOmitted())));
        }
        int remaining = budget;
        List<List<String>> kept = new ArrayList<>();
        for (int k = 0; k < sections.size(); k++) {
            Section s = sections.get(k);
            int worstMore = cost(more(s.lines().size() + s.alreadyOmitted()));
            int room = remaining - reserve[k + 1];
            List<String> out = new ArrayList<>();
            for (int i = 0; i < s.lines().size(); i++) {
                boolean last = i == s.lines().size() - 1 && s.alreadyOmitted() == 0;
                int need = cost(s.lines().get(i)) + (last ? 0 : worstMore);
                if (need > room) {
                    break;
                }
                out.add(s.lines().get(i));
                room -= cost(s.lines().get(i));
                remaining -= cost(s.lines().get(i));
            }
            int left = s.lines().size() - out.size() + s.alreadyOmitted();
            if (left > 0) {
                String line = more(left);
                out.add(line);
                remaining -= cost(line);
            }
            kept.add(out);
        }
        return kept;
    }
}
