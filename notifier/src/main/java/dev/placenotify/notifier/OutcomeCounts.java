package dev.placenotify.notifier;

import dev.placenotify.model.OutcomeStatus;
import dev.placenotify.model.SmsType;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Outcomes counted once per idempotency key, by status and rule (the "kind" of older reports); SMS/LMS actually sent for the cost
 * estimate; how many of the outcomes were replays of a key settled before (already in the counts
 * by status, never priced twice); and the {@link TextLine}s of the listed ones, recorded with their count
 * ({@code linesOmitted}: lines the ledger had no room for, still counted).
 */
public record OutcomeCounts(Map<OutcomeStatus, Map<String, Integer>> byStatusAndKind, Map<SmsType, Integer> sentByType,
                            int replayed, List<TextLine> lines, int linesOmitted) {

    public OutcomeCounts(Map<OutcomeStatus, Map<String, Integer>> byStatusAndKind, Map<SmsType, Integer> sentByType, int replayed) {
        this(byStatusAndKind, sentByType, replayed, new ArrayList<>(), 0);
    }

    public static OutcomeCounts empty() {
        return new OutcomeCounts(new EnumMap<>(OutcomeStatus.class), new EnumMap<>(SmsType.class), 0);
    }

    public int count(OutcomeStatus status) {
        return byStatusAndKind.getOrDefault(status, Map.of()).values().stream().mapToInt(Integer::intValue).sum();
    }

    public int count(OutcomeStatus status, String kind) {
        return byStatusAndKind.getOrDefault(status, Map.of()).getOrDefault(kind, 0);
    }

    public int total() {
        int sum = 0;
        for (OutcomeStatus s : OutcomeStatus.values()) {
            sum += count(s);
        }
        return sum;
    }

    public OutcomeCounts withReplayed(int replayedOutcomes) {
        return new OutcomeCounts(byStatusAndKind, sentByType, replayedOutcomes, lines, linesOmitted);
    }

    public OutcomeCounts withLines(List<TextLine> textLines, int omitted) {
        return new OutcomeCounts(byStatusAndKind, sentByType, replayed, new ArrayList<>(textLines), omitted);
    }

    public OutcomeCounts plus(OutcomeCounts other) {
        OutcomeCounts merged = empty();
        for (OutcomeCounts c : new OutcomeCounts[] {this, other}) {
            c.byStatusAndKind.forEach((status, kinds) -> kinds.forEach((kind, n) ->
                    merged.byStatusAndKind.computeIfAbsent(status, s -> new TreeMap<>()).merge(kind, n, Integer::sum)));
            c.sentByType.forEach((t, n) -> merged.sentByType.merge(t, n, Integer::sum));
        }
        List<TextLine> allLines = new ArrayList<>(lines);
        allLines.addAll(other.lines);
        return merged.withReplayed(replayed + other.replayed).withLines(allLines, linesOmitted + other.linesOmitted);
    }
}
