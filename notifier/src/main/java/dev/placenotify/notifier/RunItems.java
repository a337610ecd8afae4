package dev.placenotify.notifier;

import dev.placenotify.model.items.RunsTableLayout;

import static dev.placenotify.model.items.RunsTableLayout.OutcomeShard.LATE_PREFIX;

import dev.placenotify.model.FetchMode;
import dev.placenotify.model.OutcomeStatus;
import dev.placenotify.model.RunNote;
import dev.placenotify.model.items.RunsTableLayout.LineFields;
import dev.placenotify.model.items.RunsTableLayout.NoteFields;
import dev.placenotify.model.items.RunsTableLayout.OutcomeAttribute;
import dev.placenotify.model.items.RunsTableLayout.OutcomeShard;
import dev.placenotify.model.items.RunsTableLayout.RunItem;
import dev.placenotify.model.items.RunsTableLayout.StoreItem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Runs-table items as DynamoDB attribute values, both ways: a run's items into its {@link RunTally},
 * shard items into {@link OutcomeCounts}, and the stored form of a listed text and of a digest note. Pure
 * functions over the layout in {@link RunsTableLayout}; the reads and writes are {@link RunLedger}'s and
 * {@link LateOutcomes}'.
 */
final class RunItems {
    private RunItems() {}

    static Map<String, AttributeValue> key(String partition, String sortKey) {
        Map<String, AttributeValue> k = new LinkedHashMap<>();
        k.put(RunsTableLayout.PARTITION_KEY, s(partition));
        k.put(RunsTableLayout.SORT_KEY, s(sortKey));
        return k;
    }

    static String sortKey(Map<String, AttributeValue> item) {
        return item.get(RunsTableLayout.SORT_KEY).s();
    }

    static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    static AttributeValue n(long v) {
        return AttributeValue.fromN(Long.toString(v));
    }

    /** The run as its items tell it; empty when its {@code RUN} item is missing. */
    static Optional<RunTally> tally(String runId, List<Map<String, AttributeValue>> items) {
        Map<String, AttributeValue> run = null;
        Map<String, StoreTally> stores = new TreeMap<>();
        OutcomeCounts outcomes = OutcomeCounts.empty();
        Map<String, String> labels = new TreeMap<>();
        for (Map<String, AttributeValue> item : items) {
            String sk = sortKey(item);
            item.forEach((name, v) -> RunsTableLayout.Labels.labelledRuleOf(name)
                    .filter(rule -> v.s() != null).ifPresent(rule -> labels.put(rule, v.s())));
            Optional<String> storeId = RunsTableLayout.storeIdOf(sk);
            if (sk.equals(RunsTableLayout.RUN_ITEM)) {
                run = item;
            } else if (storeId.isPresent()) {
                stores.put(storeId.get(), store(storeId.get(), item));
            } else if (RunsTableLayout.isOutcomeShard(sk)) {
                outcomes = outcomes.plus(outcomes(item, ""));
            }
        }
        if (run == null) {
            return Optional.empty();
        }
        List<String> announced = run.containsKey(RunItem.STORE_IDS)
                ? run.get(RunItem.STORE_IDS).l().stream().map(AttributeValue::s).toList() : List.of();
        Instant firstSeen = Instant.parse(run.get(RunItem.FIRST_SEEN_AT).s());
        return Optional.of(new RunTally(runId,
                run.containsKey(RunItem.CYCLE_AT) ? Instant.parse(run.get(RunItem.CYCLE_AT).s()) : firstSeen,
                run.containsKey(RunItem.MODE) ? FetchMode.valueOf(run.get(RunItem.MODE).s()) : FetchMode.NORMAL,
                run.containsKey(RunItem.ANNOUNCED) && run.get(RunItem.ANNOUNCED).bool(),
                announced, stores, outcomes, status(run), firstSeen,
                Instant.ofEpochMilli(Long.parseLong(run.get(RunItem.DEADLINE_AT).n())), labels));
    }

    private static RunTally.Status status(Map<String, AttributeValue> run) {
        return switch (run.get(RunItem.STATUS).s()) {
            case RunItem.SUMMARIZED -> RunTally.Status.SUMMARIZED;
            case RunItem.SUMMARIZING -> RunTally.Status.SUMMARIZING;
            default -> RunTally.Status.OPEN;
        };
    }

    static StoreTally store(String storeId, Map<String, AttributeValue> item) {
        Map<String, Integer> byStatus = new TreeMap<>();
        if (item.containsKey(StoreItem.BY_STATUS)) {
            item.get(StoreItem.BY_STATUS).m().forEach((k, v) -> byStatus.put(k, Integer.parseInt(v.n())));
        }
        Map<String, Integer> planned = new TreeMap<>();
        item.forEach((name, v) -> StoreItem.plannedRuleOf(name).ifPresent(rule -> planned.put(rule, Integer.parseInt(v.n()))));
        Set<Integer> chunks = new HashSet<>();
        if (item.containsKey(StoreItem.PLANNED_CHUNKS)) {
            item.get(StoreItem.PLANNED_CHUNKS).ns().forEach(x -> chunks.add(Integer.parseInt(x)));
        }
        List<String> reasons = item.containsKey(StoreItem.SKIP_REASONS)
                ? item.get(StoreItem.SKIP_REASONS).l().stream().map(AttributeValue::s).toList() : List.of();
        List<RunNote> notes = item.containsKey(StoreItem.NOTES)
                ? item.get(StoreItem.NOTES).l().stream().map(RunItems::note).toList() : List.of();
        return new StoreTally(storeId, item.containsKey(StoreItem.FETCHED) && item.get(StoreItem.FETCHED).bool(),
                item.containsKey(StoreItem.FAILED_REASON) ? item.get(StoreItem.FAILED_REASON).s() : null,
                number(item, StoreItem.CHUNK_COUNT, 1), chunks, byStatus, planned,
                Math.max(number(item, StoreItem.SKIPPED_COUNT, 0), number(item, StoreItem.FETCH_SKIPS, 0)), reasons, notes,
                number(item, StoreItem.NOTES_OMITTED, 0));
    }

    private static int number(Map<String, AttributeValue> item, String name, int absent) {
        return item.containsKey(name) ? Integer.parseInt(item.get(name).n()) : absent;
    }

    /**
     * The outcomes an item counts under {@code prefix} ({@code ""} for the run's own, {@code late_} for
     * late ones; a {@code took_} map is read with {@code ""}). The run's own never include late ones.
     */
    static OutcomeCounts outcomes(Map<String, AttributeValue> item, String prefix) {
        OutcomeCounts counts = OutcomeCounts.empty();
        int replayed = 0;
        int omitted = 0;
        List<TextLine> lines = new ArrayList<>();
        for (Map.Entry<String, AttributeValue> a : item.entrySet()) {
            if (!a.getKey().startsWith(prefix) || (prefix.isEmpty() && a.getKey().startsWith(LATE_PREFIX))) {
                continue;
            }
            Optional<OutcomeAttribute> attribute = OutcomeShard.outcomeAttribute(a.getKey().substring(prefix.length()));
            if (attribute.isEmpty()) {
                continue;
            }
            AttributeValue v = a.getValue();
            int value = v.n() == null ? 0 : Integer.parseInt(v.n());
            switch (attribute.get()) {
                case OutcomeAttribute.Lines l -> v.l().forEach(line -> lines.add(line(line)));
                case OutcomeAttribute.Counted c -> counts.byStatusAndKind().computeIfAbsent(c.status(), x -> new TreeMap<>())
                        .merge(c.rule(), value, Integer::sum);
                case OutcomeAttribute.Sent sent -> counts.sentByType().merge(sent.type(), value, Integer::sum);
                case OutcomeAttribute.Replayed r -> replayed += value;
                case OutcomeAttribute.LinesOmitted o -> omitted += value;
            }
        }
        return counts.withReplayed(replayed).withLines(lines, omitted);
    }

    /** The late outcomes the summary of {@code takerRunId} took from the items of one run. */
    static OutcomeCounts taken(List<Map<String, AttributeValue>> items, String takerRunId) {
        String took = OutcomeShard.took(takerRunId);
        OutcomeCounts late = OutcomeCounts.empty();
        for (Map<String, AttributeValue> item : items) {
            if (RunsTableLayout.isOutcomeShard(sortKey(item)) && item.containsKey(took)) {
                late = late.plus(outcomes(item.get(took).m(), ""));
            }
        }
        return late;
    }

    /** Counters add up; lists (the lines) are joined; anything else: the newer value. */
    static AttributeValue merged(AttributeValue a, AttributeValue b) {
        if (a.n() != null && b.n() != null) {
            return n(Long.parseLong(a.n()) + Long.parseLong(b.n()));
        }
        if (a.hasL() && b.hasL()) {
            List<AttributeValue> joined = new ArrayList<>(a.l());
            joined.addAll(b.l());
            return AttributeValue.fromL(joined);
        }
        return b;
    }

    static AttributeValue lineItem(TextLine l) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put(LineFields.STATUS, s(l.status().name()));
        m.put(LineFields.RULE, s(l.rule()));
        m.put(LineFields.LABEL, s(l.label()));
        m.put(LineFields.STORE, s(l.storeId()));
        if (l.customer() != null) {
            m.put(LineFields.CUSTOMER, s(l.customer()));
        }
        if (l.phoneLast4() != null) {
            m.put(LineFields.PHONE_LAST4, s(l.phoneLast4()));
        }
        if (l.held() != null) {
            m.put(LineFields.HELD, s(l.held()));
        }
        return AttributeValue.fromM(m);
    }

    static TextLine line(AttributeValue v) {
        Map<String, AttributeValue> m = v.m();
        return new TextLine(OutcomeStatus.valueOf(m.get(LineFields.STATUS).s()), m.get(LineFields.RULE).s(),
                m.get(LineFields.LABEL).s(), m.get(LineFields.STORE).s(), optional(m, LineFields.CUSTOMER),
                optional(m, LineFields.PHONE_LAST4), optional(m, LineFields.HELD));
    }

    /** A note as stored: its text cut to {@value RunsTableLayout#MAX_NOTE_TEXT} characters. */
    static AttributeValue noteItem(RunNote n) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put(NoteFields.RULE, s(n.rule()));
        m.put(NoteFields.LABEL, s(n.label()));
        m.put(NoteFields.STORE, s(n.storeId()));
        if (n.bookingId() != null) {
            m.put(NoteFields.BOOKING, s(n.bookingId()));
        }
        if (n.customer() != null) {
            m.put(NoteFields.CUSTOMER, s(n.customer()));
        }
        if (n.phoneLast4() != null) {
            m.put(NoteFields.PHONE_LAST4, s(n.phoneLast4()));
        }
        int max = RunsTableLayout.MAX_NOTE_TEXT;
        m.put(NoteFields.TEXT, s(n.text().length() <= max ? n.text() : n.text().substring(0, max)));
        m.put(NoteFields.CHANNELS, AttributeValue.fromSs(n.channels().stream().map(Enum::name).sorted().toList()));
        return AttributeValue.fromM(m);
    }

    static RunNote note(AttributeValue v) {
        Map<String, AttributeValue> m = v.m();
        return new RunNote(m.get(NoteFields.RULE).s(), m.get(NoteFields.LABEL).s(), m.get(NoteFields.STORE).s(),
                optional(m, NoteFields.BOOKING), optional(m, NoteFields.CUSTOMER), optional(m, NoteFields.PHONE_LAST4),
                m.get(NoteFields.TEXT).s(),
                m.get(NoteFields.CHANNELS).ss().stream().map(RunNote.Channel::valueOf).collect(Collectors.toSet()));
    }

    private static String optional(Map<String, AttributeValue> m, String field) {
        return m.containsKey(field) ? m.get(field).s() : null;
    }
}
