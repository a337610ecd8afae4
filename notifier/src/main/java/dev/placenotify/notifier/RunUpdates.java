package dev.placenotify.notifier;

import dev.placenotify.model.items.RunsTableLayout;

import static dev.placenotify.notifier.RunItems.n;
import static dev.placenotify.notifier.RunItems.s;

import dev.placenotify.model.ChunkPlanned;
import dev.placenotify.model.JobRef;
import dev.placenotify.model.OutcomeStatus;
import dev.placenotify.model.RunNote;
import dev.placenotify.model.SendOutcome;
import dev.placenotify.model.items.RunsTableLayout.Labels;
import dev.placenotify.model.items.RunsTableLayout.OutcomeShard;
import dev.placenotify.model.items.RunsTableLayout.StoreItem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The conditional updates that count a report once, built without a client: each records the report's
 * identity (chunk index, idempotency key, late version) in the same write that counts it, and refuses
 * to count it again. Rule ids are the owners' own in a rule file, so every attribute named after a rule
 * goes through a placeholder. {@link RunLedger} and {@link LateOutcomes} send them.
 */
final class RunUpdates {
    private RunUpdates() {}

    /** One {@code UpdateItem}'s expressions; {@code names} is empty when the expressions need none. */
    record ItemUpdate(String update, String condition, Map<String, String> names, Map<String, AttributeValue> values) {}

    /**
     * Counts a planned chunk once: its index joins the store's set in the same update that counts its jobs
     * by rule, records the rules' labels, and keeps the chunk's notes and skip reasons (up to their caps).
     */
    static ItemUpdate plannedChunk(ChunkPlanned e, AttributeValue expiry) {
        Map<String, Integer> byRule = new TreeMap<>();
        Map<String, String> labels = new TreeMap<>();
        for (JobRef j : e.jobs()) {
            byRule.merge(j.rule(), 1, Integer::sum);
            labels.put(j.rule(), j.label());
        }
        for (RunNote note : e.notes()) {
            labels.put(note.rule(), note.label());
        }
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> adds = new ArrayList<>(List.of(StoreItem.PLANNED_CHUNKS + " :idx", StoreItem.SKIPPED_COUNT + " :sk"));
        int i = 0;
        for (Map.Entry<String, Integer> r : byRule.entrySet()) {
            names.put("#p" + i, StoreItem.plannedCounter(r.getKey()));
            values.put(":p" + i, n(r.getValue()));
            adds.add("#p" + i + " :p" + i);
            i++;
        }
        List<String> sets = new ArrayList<>(List.of(RunsTableLayout.EXPIRES_AT + " = :exp",
                StoreItem.SKIP_REASONS + " = list_append(if_not_exists(" + StoreItem.SKIP_REASONS + ", :empty), :reasons)"));
        i = 0;
        for (Map.Entry<String, String> l : labels.entrySet()) {
            names.put("#l" + i, Labels.labelAttribute(l.getKey()));
            values.put(":l" + i, s(l.getValue()));
            sets.add("#l" + i + " = :l" + i);
            i++;
        }
        if (!e.notes().isEmpty()) {
            List<AttributeValue> notes = e.notes().stream().limit(RunsTableLayout.MAX_NOTES_PER_CHUNK).map(RunItems::noteItem).toList();
            sets.add(StoreItem.NOTES + " = list_append(if_not_exists(" + StoreItem.NOTES + ", :empty), :notes)");
            values.put(":notes", AttributeValue.fromL(notes));
            if (e.notes().size() > notes.size()) {
                adds.add(StoreItem.NOTES_OMITTED + " :no");
                values.put(":no", n(e.notes().size() - notes.size()));
            }
        }
        values.put(":idx", AttributeValue.fromNs(List.of(Integer.toString(e.chunkIndex()))));
        values.put(":sk", n(e.skipped().size()));
        values.put(":i", n(e.chunkIndex()));
        values.put(":exp", expiry);
        values.put(":empty", AttributeValue.fromL(List.of()));
        values.put(":reasons", AttributeValue.fromL(e.skipped().stream().limit(RunsTableLayout.MAX_SKIP_REASONS_PER_CHUNK)
                .map(skipped -> s(skipped.reason())).toList()));
        return new ItemUpdate("ADD " + String.join(", ", adds) + " SET " + String.join(", ", sets),
                "attribute_not_exists(" + StoreItem.PLANNED_CHUNKS + ") OR NOT contains(" + StoreItem.PLANNED_CHUNKS + ", :i)",
                names, values);
    }

    /**
     * Counts an outcome once per idempotency key, by status and rule, records the key and the rule's label
     * and, when {@code withLine}, appends the owners' line: a redelivered outcome fails the condition and
     * adds neither a count nor a second line. While the shard is open ({@code late} false) the update also
     * requires it open; a late one is counted under the {@code late_} names and bumps the late version. A
     * replayed outcome (the key was settled earlier) is counted by status but not priced: SENS did not
     * charge for it again.
     */
    static ItemUpdate outcome(SendOutcome e, boolean late, boolean withLine, AttributeValue expiry) {
        String prefix = late ? OutcomeShard.LATE_PREFIX : "";
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":k", s(e.job().idempotencyKey()));
        values.put(":kset", AttributeValue.fromSs(List.of(e.job().idempotencyKey())));
        values.put(":one", n(1));
        values.put(":exp", expiry);
        values.put(":label", s(e.job().label()));
        StringBuilder update = new StringBuilder("ADD #keys :kset, #c :one");
        Map<String, String> names = new HashMap<>(Map.of("#keys", OutcomeShard.KEYS,
                "#c", prefix + OutcomeShard.outcomeCounter(e.status(), e.job().rule()), "#label", Labels.labelAttribute(e.job().rule())));
        if (e.replayed()) {
            update.append(", #r :one");
            names.put("#r", prefix + OutcomeShard.REPLAYED);
        } else if (e.status() == OutcomeStatus.SENT && e.job().type() != null) {
            update.append(", #t :one");
            names.put("#t", prefix + OutcomeShard.sentCounter(e.job().type()));
        }
        if (TextLine.listed(e) && !withLine) {
            update.append(", #omitted :one");
            names.put("#omitted", prefix + OutcomeShard.LINES_OMITTED);
        }
        if (late) {
            update.append(", ").append(OutcomeShard.LATE_VERSION).append(" :one");
        }
        update.append(" SET ").append(RunsTableLayout.EXPIRES_AT).append(" = :exp, #label = :label");
        if (withLine) {
            update.append(", #lines = list_append(if_not_exists(#lines, :empty), :line)");
            names.put("#lines", prefix + OutcomeShard.LINES);
            values.put(":empty", AttributeValue.fromL(List.of()));
            values.put(":line", AttributeValue.fromL(List.of(RunItems.lineItem(TextLine.of(e)))));
        }
        String notCounted = "attribute_not_exists(#keys) OR NOT contains(#keys, :k)";
        String condition = late ? notCounted : "attribute_not_exists(" + OutcomeShard.CLOSED + ") AND (" + notCounted + ")";
        return new ItemUpdate(update.toString(), condition, names, values);
    }

    /**
     * Moves a shard's late counters and lines into its {@code took_<takerRunId>} map (adding to what the
     * same summary took before), conditional on the late version it was read at; the take bumps the version
     * too, so a second taker holding the same read fails. Empty when the shard holds nothing late.
     */
    static Optional<ItemUpdate> takeLate(Map<String, AttributeValue> shard, String takerRunId) {
        String took = OutcomeShard.took(takerRunId);
        List<String> lateAttributes = shard.keySet().stream().filter(a -> a.startsWith(OutcomeShard.LATE_PREFIX)).toList();
        if (lateAttributes.isEmpty()) {
            return Optional.empty();
        }
        Map<String, AttributeValue> moved = new HashMap<>(shard.containsKey(took) ? shard.get(took).m() : Map.of());
        Map<String, String> names = new HashMap<>(Map.of("#took", took));
        List<String> removes = new ArrayList<>();
        for (int i = 0; i < lateAttributes.size(); i++) {
            String a = lateAttributes.get(i);
            names.put("#a" + i, a);
            removes.add("#a" + i);
            moved.merge(a.substring(OutcomeShard.LATE_PREFIX.length()), shard.get(a), RunItems::merged);
        }
        return Optional.of(new ItemUpdate(
                "REMOVE " + String.join(", ", removes) + " SET #took = :took ADD " + OutcomeShard.LATE_VERSION + " :one",
                OutcomeShard.LATE_VERSION + " = :v", names,
                Map.of(":v", shard.get(OutcomeShard.LATE_VERSION), ":one", n(1), ":took", AttributeValue.fromM(moved))));
    }
}
