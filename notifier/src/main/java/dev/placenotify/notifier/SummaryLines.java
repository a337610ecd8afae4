package dev.placenotify.notifier;

import dev.placenotify.model.RunNote;
import dev.placenotify.model.StoreCatalog;
import dev.placenotify.model.StoreSettings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The lines a summary lists and the names owners know them by. Like the legacy, one line per text
 * ({@code 예약확정 화성 새솔점 김*수 5678}), sorted by branch, then rule, with texts that did not go out
 * marked; the digest rules' notes grouped by label; branches by their names in {@code stores.json}, rules
 * by their labels, Naver's statuses in Korean. Plain text: each channel escapes it for itself.
 */
final class SummaryLines {
    /** The default rule set's texts, always shown in the sent line (also at 0), in this order. */
    static final List<String> DEFAULT_RULES = List.of("CONFIRMATION", "REMINDER", "EVENT");
    static final int NOTE_LIMIT = 200;

    private final java.util.function.Supplier<StoreCatalog> stores;

    SummaryLines(java.util.function.Supplier<StoreCatalog> stores) {
        this.stores = stores;
    }

    /**
     * One line per text of this run, then the late ones of earlier runs (marked ↩️ with their run), sorted
     * by branch, rule, status and name; {@value SummaryComposer#NOTHING_DUE} when the run had nothing to send.
     */
    LineBudget.Section texts(RunTally tally, SummaryComposer.Figures f, Map<String, OutcomeCounts> late) {
        List<String> storeOrder = new ArrayList<>(tally.expectedStores());
        tally.stores().keySet().stream().filter(id -> !storeOrder.contains(id)).sorted().forEach(storeOrder::add);
        Comparator<TextLine> order = Comparator
                .comparingInt((TextLine l) -> storeOrder.contains(l.storeId()) ? storeOrder.indexOf(l.storeId()) : Integer.MAX_VALUE)
                .thenComparing(TextLine::storeId)
                .thenComparingInt(l -> DEFAULT_RULES.contains(l.rule()) ? DEFAULT_RULES.indexOf(l.rule()) : DEFAULT_RULES.size())
                .thenComparing(TextLine::rule)
                .thenComparing(TextLine::status)
                .thenComparing(l -> l.customer() == null ? "" : l.customer())
                .thenComparing(l -> l.phoneLast4() == null ? "" : l.phoneLast4());
        List<String> lines = new ArrayList<>();
        if (f.planned() == 0 && tally.outcomes().total() == 0) {
            lines.add(SummaryComposer.NOTHING_DUE);
        }
        tally.outcomes().lines().stream().sorted(order).forEach(l -> lines.add(textLine(l)));
        int omitted = tally.outcomes().linesOmitted();
        for (Map.Entry<String, OutcomeCounts> run : new TreeMap<>(late).entrySet()) {
            run.getValue().lines().stream().sorted(order)
                    .forEach(l -> lines.add("↩️ " + textLine(l) + " (" + run.getKey() + ")"));
            omitted += run.getValue().linesOmitted();
        }
        return new LineBudget.Section(lines, omitted);
    }

    /** {@code 예약확정 화성 새솔점 김*수 5678}, marked when the text did not go out. */
    private String textLine(TextLine l) {
        String mark = switch (l.status()) {
            case FAILED -> "❌ ";
            case UNKNOWN -> "❓ ";
            case EXPIRED -> "⌛ ";
            case SKIPPED -> "⏸ ";
            default -> "";
        };
        String state = switch (l.status()) {
            case FAILED -> " 발송 실패";
            case UNKNOWN -> " 결과 불명";
            case EXPIRED -> " 시간 지나 미발송";
            case SKIPPED -> l.held() == null ? " 미발송" : " 미발송(" + l.held() + ")";
            default -> "";
        };
        return mark + label(l.rule(), Map.of(l.rule(), l.label())) + " " + who(l.storeId(), l.customer(), l.phoneLast4()) + state;
    }

    /** Branch, masked name and last four digits, as far as they are known. */
    private String who(String storeId, String customer, String phoneLast4) {
        StringBuilder b = new StringBuilder(branch(storeId));
        if (customer != null && !customer.isBlank()) {
            b.append(' ').append(SafeText.of(customer, 20));
        }
        String digits = phoneLast4 == null ? "" : phoneLast4.replaceAll("\\D", "");
        if (!digits.isEmpty()) {
            b.append(' ').append(digits.substring(Math.max(0, digits.length() - 4)));
        }
        return b.toString();
    }

    /** The digest rules' notes for {@code channel}, grouped by rule label: a heading per label, then its lines. */
    LineBudget.Section notes(RunTally tally, RunNote.Channel channel) {
        Map<String, List<String>> byLabel = new TreeMap<>();
        int omitted = 0;
        for (StoreTally s : tally.stores().values()) {
            omitted += channel == RunNote.Channel.SLACK ? s.notesOmitted() : 0;
            for (RunNote n : s.notes()) {
                if (n.channels().contains(channel)) {
                    byLabel.computeIfAbsent(label(n.rule(), Map.of(n.rule(), n.label())), k -> new ArrayList<>()).add("· "
                            + who(n.storeId(), n.customer(), n.phoneLast4())
                            + (n.text().isBlank() ? "" : " — " + SafeText.of(n.text(), NOTE_LIMIT)));
                }
            }
        }
        List<String> lines = new ArrayList<>();
        byLabel.forEach((label, entries) -> {
            lines.add("📝 " + label + " (" + entries.size() + "건)");
            entries.stream().sorted().forEach(lines::add);
        });
        return new LineBudget.Section(lines, omitted);
    }

    /** The rule's name in the owners' words: as the planner labelled it, else the v2's names of the built-in rules. */
    static String label(String rule, Map<String, String> labels) {
        String recorded = labels.get(rule);
        if (recorded != null && !recorded.isBlank() && !recorded.equals(rule)) {
            return SafeText.of(recorded, 40);
        }
        return switch (rule) {
            case "CONFIRMATION" -> "예약확정";
            case "REMINDER" -> "상세안내";
            case "EVENT" -> "리뷰요청";
            case "CANCELLATION" -> "예약취소";
            case "RESCHEDULE" -> "일정변경";
            default -> SafeText.of(rule, 40);
        };
    }

    /** Naver's booking status codes in the owners' words. */
    static String statusLabel(String code) {
        return switch (code) {
            case "RC02" -> "요청";
            case "RC03" -> "확정";
            case "RC04" -> "취소";
            case "RC08" -> "완료";
            default -> SafeText.of(code, 20);
        };
    }

    /** {@code 화성점(1051707)}: problems name the store id too, for the operator. */
    String storeName(String storeId) {
        return stores.get().find(storeId).map(StoreSettings::name).map(n -> n + "(" + storeId + ")")
                .orElse(SafeText.of(storeId, 40));
    }

    /** {@code 화성 새솔점}: the per-text lines name the branch as the owners do. */
    private String branch(String storeId) {
        return SafeText.of(stores.get().find(storeId).map(StoreSettings::name).orElse(storeId), 40);
    }
}
