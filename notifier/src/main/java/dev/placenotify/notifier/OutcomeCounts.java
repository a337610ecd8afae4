package dev.placenotify.notifier;

import dev.placenotify.model.OutcomeStatus;
import dev.placenotify.model.SmsType;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Outcomes counted once per idempotency key, by status and rule (the "kind" of older reports); SMS/LMS actually sent for the cost
 * estimate; and how many of the outcomes were replays of a key settled before (already in the counts
 * by status, never priced twice).
 */
public record OutcomeCounts(Map<OutcomeStatus, Map<String, Integer>> byStatusAndKind, Map<SmsType, Integer> sentByType,
                            int replayed) {

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
        return new OutcomeCounts(byStatusAndKind, sentByType, replayedOutcomes);
    }

    public OutcomeCounts plus(OutcomeCounts other) {
        OutcomeCounts merged = empty();
        for (OutcomeCounts c : new OutcomeCounts[] {this, other}) {
            c.byStatusAndKind.forEach((status, kinds) -> kinds.forEach((kind, n) ->
                    merged.byStatusAndKind.computeIfAbsent(status, s -> new TreeMap<>()).merge(kind, n, Integer::sum)));
            c.sentByType.forEach((t, n) -> merged.sentByType.merge(t, n, Integer::sum));
        }
        return merged.withReplayed(replayed + other.replayed);
    }
}
