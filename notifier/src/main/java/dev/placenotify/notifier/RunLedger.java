package dev.placenotify.notifier;

import dev.placenotify.model.ChunkPlanned;
import dev.placenotify.model.FetchMode;
import dev.placenotify.model.JobRef;
import dev.placenotify.model.OutcomeStatus;
import dev.placenotify.model.RunNote;
import dev.placenotify.model.RunStarted;
import dev.placenotify.model.SendOutcome;
import dev.placenotify.model.SkippedItem;
import dev.placenotify.model.SmsType;
import dev.placenotify.model.StoreFetchFailed;
import dev.placenotify.model.StoreFetched;
import java.time.Duration;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Run accounting in DynamoDB, one partition per run. Every event is one conditional single-item update
 * that records its own identity (chunk index, idempotency key), so a redelivered or replayed event is
 * never counted twice, and concurrent notifiers never lose each other's counts.
 *
 * <p>Outcomes live on {@value #OUTCOME_SHARDS} shard items. The summariser closes every shard before it
 * reads them: an outcome written before the close is in the summary, one written after it finds the
 * shard closed and is counted as late on the same item (so it is still deduplicated by key), and a
 * marker in the {@value #LATE_RUNS} partition points the next summary at it.
 */
public final class RunLedger {
    private static final Logger LOG = LoggerFactory.getLogger(RunLedger.class);

    static final String RUN = "RUN";
    static final String STORE = "STORE#";
    static final String OUT = "OUT#";
    /** Outcomes are spread over shards so no item nears DynamoDB's 400 KB limit in a large run. */
    static final int OUTCOME_SHARDS = 16;
    /** Partition listing runs not yet summarised: the sweep queries it instead of scanning the table. */
    static final String OPEN_RUNS = "_open";
    /** Partition listing runs that received outcomes after their summary: the next summary reports them. */
    static final String LATE_RUNS = "_late";
    static final String LATE_PREFIX = "late_";
    private static final Duration MARKER_TTL = Duration.ofDays(2);
    private static final int MAX_SKIP_REASONS_PER_CHUNK = 10;
    /** Notes kept per planned chunk (the rest are counted): a store item stays far below DynamoDB's 400 KB. */
    static final int MAX_NOTES_PER_CHUNK = 100;
    private static final int MAX_NOTE_TEXT = 300;
    /** {@code label_<rule>}: the owners' name of a rule, recorded wherever the rule shows up. */
    static final String LABEL_PREFIX = "label_";
    private static final int ATTEMPTS = 3;

    /** Prefix of the map a late outcome's counters move into when a summary takes them: {@code took_<runId>}. */
    static final String TOOK_PREFIX = "took_";

    static final String OPEN = "OPEN";
    static final String SUMMARIZING = "SUMMARIZING";
    static final String SUMMARIZED = "SUMMARIZED";

    /** What became of one reported outcome. */
    public enum OutcomeRecord { COUNTED, LATE, DUPLICATE }

    private final DynamoDbClient dynamo;
    private final String table;
    private final Duration deadline;
    private final Duration ttl;

    public RunLedger(DynamoDbClient dynamo, String table, Duration deadline, Duration ttl) {
        this.dynamo = dynamo;
        this.table = table;
        this.deadline = deadline;
        this.ttl = ttl;
    }

    /**
     * Creates the run item on first sight of any event of the run; the deadline runs from then. The
     * first touch also lists the run in the open-runs partition; {@code openListed} is set only after that
     * write, so a failure between the two is repaired by the redelivered event.
     */
    public void touchRun(String runId, Instant now) {
        Map<String, AttributeValue> run = dynamo.updateItem(b -> b.tableName(table).key(key(runId, RUN))
                .updateExpression("SET firstSeenAt = if_not_exists(firstSeenAt, :now), deadlineAt = if_not_exists(deadlineAt, :dl), "
                        + "#st = if_not_exists(#st, :open), expiresAt = if_not_exists(expiresAt, :exp)")
                .expressionAttributeNames(Map.of("#st", "status"))
                .expressionAttributeValues(Map.of(":now", s(now.toString()), ":dl", n(now.plus(deadline).toEpochMilli()),
                        ":open", s(OPEN), ":exp", n(now.plus(ttl).getEpochSecond())))
                .returnValues(ReturnValue.ALL_NEW)).attributes();
        if (!run.containsKey("openListed") && OPEN.equals(run.get("status").s())) {
            dynamo.updateItem(b -> b.tableName(table).key(key(OPEN_RUNS, runId))
                    .updateExpression("SET expiresAt = :exp").expressionAttributeValues(Map.of(":exp", expiry())));
            dynamo.updateItem(b -> b.tableName(table).key(key(runId, RUN)).updateExpression("SET openListed = :t")
                    .expressionAttributeValues(Map.of(":t", AttributeValue.fromBool(true))));
        }
    }

    public void recordStarted(RunStarted e) {
        dynamo.updateItem(b -> b.tableName(table).key(key(e.runId(), RUN))
                .updateExpression("SET cycleAt = :c, #m = :m, storeIds = :s, announced = :t")
                .expressionAttributeNames(Map.of("#m", "mode"))
                .expressionAttributeValues(Map.of(":c", s(e.cycleAt().toString()), ":m", s(e.mode().name()),
                        ":s", AttributeValue.fromL(e.storeIds().stream().map(RunLedger::s).toList()),
                        ":t", AttributeValue.fromBool(true))));
    }

    public void recordFetched(StoreFetched e) {
        Map<String, AttributeValue> byStatus = new HashMap<>();
        e.bookingsByStatus().forEach((k, v) -> byStatus.put(k, n(v)));
        dynamo.updateItem(b -> b.tableName(table).key(key(e.runId(), STORE + e.storeId()))
                .updateExpression("SET fetched = :t, chunkCount = :c, byStatus = :bs, fetchSkips = :fs, expiresAt = :exp")
                .expressionAttributeValues(Map.of(":t", AttributeValue.fromBool(true), ":c", n(e.chunkCount()),
                        ":bs", AttributeValue.fromM(byStatus), ":fs", n(e.skipped().size()), ":exp", expiry())));
    }

    public void recordFetchFailed(StoreFetchFailed e) {
        dynamo.updateItem(b -> b.tableName(table).key(key(e.runId(), STORE + e.storeId()))
                .updateExpression("SET failedReason = :r, expiresAt = :exp")
                .expressionAttributeValues(Map.of(":r", s(e.reason()), ":exp", expiry())));
    }

    /**
     * Counts a planned chunk once: its index joins the store's set in the same conditional update that
     * counts its jobs by rule, records the rules' labels, and keeps the chunk's notes for the summary.
     */
    public boolean recordPlanned(ChunkPlanned e) {
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
        // Rule ids are the owners' own in a rule file: attribute names go through placeholders.
        List<String> adds = new ArrayList<>(List.of("plannedChunks :idx", "skippedCount :sk"));
        int i = 0;
        for (Map.Entry<String, Integer> r : byRule.entrySet()) {
            names.put("#p" + i, "planned_" + r.getKey());
            values.put(":p" + i, n(r.getValue()));
            adds.add("#p" + i + " :p" + i);
            i++;
        }
        List<String> sets = new ArrayList<>(List.of("expiresAt = :exp",
                "skipReasons = list_append(if_not_exists(skipReasons, :empty), :reasons)"));
        i = 0;
        for (Map.Entry<String, String> l : labels.entrySet()) {
            names.put("#l" + i, LABEL_PREFIX + l.getKey());
            values.put(":l" + i, s(l.getValue()));
            sets.add("#l" + i + " = :l" + i);
            i++;
        }
        if (!e.notes().isEmpty()) {
            List<AttributeValue> notes = e.notes().stream().limit(MAX_NOTES_PER_CHUNK).map(RunLedger::noteItem).toList();
            sets.add("notes = list_append(if_not_exists(notes, :empty), :notes)");
            values.put(":notes", AttributeValue.fromL(notes));
            if (e.notes().size() > notes.size()) {
                adds.add("notesOmitted :no");
                values.put(":no", n(e.notes().size() - notes.size()));
            }
        }
        values.put(":idx", AttributeValue.fromNs(List.of(Integer.toString(e.chunkIndex()))));
        values.put(":sk", n(e.skipped().size()));
        values.put(":i", n(e.chunkIndex()));
        values.put(":exp", expiry());
        values.put(":empty", AttributeValue.fromL(List.of()));
        values.put(":reasons", AttributeValue.fromL(e.skipped().stream().limit(MAX_SKIP_REASONS_PER_CHUNK).map(RunLedger::skipLine).toList()));
        String update = "ADD " + String.join(", ", adds) + " SET " + String.join(", ", sets);
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(e.runId(), STORE + e.storeId()))
                    .updateExpression(update)
                    .conditionExpression("attribute_not_exists(plannedChunks) OR NOT contains(plannedChunks, :i)")
                    .expressionAttributeNames(names.isEmpty() ? null : names)
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException dup) {
            return false;
        }
    }

    /**
     * Counts an outcome once per idempotency key: into the run's counters while its shard is open, into
     * the same item's late counters once the summariser has closed it. A replayed outcome (the key was
     * settled earlier) is counted by status but not priced: SENS did not charge for it again.
     */
    public OutcomeRecord recordOutcome(SendOutcome e) {
        String k = e.job().idempotencyKey();
        Map<String, AttributeValue> shardKey = key(e.runId(), OUT + shard(k));
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            if (countOutcome(shardKey, e, "", "attribute_not_exists(closed) AND (attribute_not_exists(#keys) OR NOT contains(#keys, :k))")) {
                return OutcomeRecord.COUNTED;
            }
            Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(shardKey).consistentRead(true)).item();
            boolean seen = item != null && item.containsKey("keys") && item.get("keys").ss().contains(k);
            boolean closed = item != null && item.containsKey("closed");
            if (seen) {
                if (closed) {
                    // A late count whose marker write was lost would otherwise never be reported.
                    markLate(e.runId());
                }
                return OutcomeRecord.DUPLICATE;
            }
            if (closed) {
                if (countOutcome(shardKey, e, LATE_PREFIX, "attribute_not_exists(#keys) OR NOT contains(#keys, :k)")) {
                    markLate(e.runId());
                    return OutcomeRecord.LATE;
                }
                return OutcomeRecord.DUPLICATE;
            }
            // Neither seen nor closed: the item changed between the update and the read; try again.
        }
        throw new IllegalStateException("outcome " + k + " of run " + e.runId() + " could not be recorded");
    }

    private boolean countOutcome(Map<String, AttributeValue> shardKey, SendOutcome e, String prefix, String condition) {
        try {
            return countOutcome(shardKey, e, prefix, condition, TextLine.listed(e));
        } catch (DynamoDbException tooBig) {
            if (!TextLine.listed(e) || tooBig.getMessage() == null || !tooBig.getMessage().contains("maximum allowed size")) {
                throw tooBig;
            }
            // The shard is full: the outcome is still counted (and deduplicated); only its line is left out, and counted.
            LOG.warn("shard {} of run {} is full: outcome {} counted without its line", shardKey.get("item").s(), e.runId(),
                    e.job().idempotencyKey());
            return countOutcome(shardKey, e, prefix, condition, false);
        }
    }

    /**
     * One conditional update counts the outcome by status and rule, records the key and the rule's label
     * and, when {@code withLine}, appends the owners' line: a redelivered outcome fails the condition and
     * adds neither a count nor a second line.
     */
    private boolean countOutcome(Map<String, AttributeValue> shardKey, SendOutcome e, String prefix, String condition,
                                 boolean withLine) {
        String k = e.job().idempotencyKey();
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":k", s(k));
        values.put(":kset", AttributeValue.fromSs(List.of(k)));
        values.put(":one", n(1));
        values.put(":exp", expiry());
        values.put(":label", s(e.job().label()));
        StringBuilder update = new StringBuilder("ADD #keys :kset, #c :one");
        Map<String, String> names = new HashMap<>(Map.of("#keys", "keys",
                "#c", prefix + "n_" + e.status().name() + "_" + e.job().rule(), "#label", LABEL_PREFIX + e.job().rule()));
        if (e.replayed()) {
            update.append(", #r :one");
            names.put("#r", prefix + "replayed");
        } else if (e.status() == OutcomeStatus.SENT && e.job().type() != null) {
            update.append(", #t :one");
            names.put("#t", prefix + "sent_" + e.job().type().name());
        }
        if (TextLine.listed(e) && !withLine) {
            update.append(", #omitted :one");
            names.put("#omitted", prefix + "linesOmitted");
        }
        if (!prefix.isEmpty()) {
            update.append(", lateVersion :one");
        }
        update.append(" SET expiresAt = :exp, #label = :label");
        if (withLine) {
            update.append(", #lines = list_append(if_not_exists(#lines, :empty), :line)");
            names.put("#lines", prefix + "lines");
            values.put(":empty", AttributeValue.fromL(List.of()));
            values.put(":line", AttributeValue.fromL(List.of(lineItem(TextLine.of(e)))));
        }
        try {
            dynamo.updateItem(b -> b.tableName(table).key(shardKey).updateExpression(update.toString())
                    .conditionExpression(condition).expressionAttributeNames(names).expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException refused) {
            return false;
        }
    }

    private void markLate(String runId) {
        dynamo.updateItem(b -> b.tableName(table).key(key(LATE_RUNS, runId))
                .updateExpression("ADD markerVersion :one SET expiresAt = :exp")
                .expressionAttributeValues(Map.of(":one", n(1), ":exp", n(Instant.now().plus(MARKER_TTL).getEpochSecond()))));
    }

    /**
     * Exactly one caller wins the right to post a run's summary. A claim whose holder died before posting
     * (its claim is older than {@code staleBefore}) can be taken over, so a crash never loses a summary.
     */
    public boolean claimSummary(String runId, Instant now, Instant staleBefore) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(runId, RUN))
                    .updateExpression("SET #st = :claiming, claimedAt = :now")
                    .conditionExpression("#st = :open OR (#st = :claiming AND claimedAt < :stale)")
                    .expressionAttributeNames(Map.of("#st", "status"))
                    .expressionAttributeValues(Map.of(":claiming", s(SUMMARIZING), ":open", s(OPEN),
                            ":now", n(now.toEpochMilli()), ":stale", n(staleBefore.toEpochMilli()))));
            return true;
        } catch (ConditionalCheckFailedException lost) {
            return false;
        }
    }

    /** From now on every new outcome of the run is late: called after the claim, before the final read. */
    public void closeOutcomes(String runId) {
        for (int i = 0; i < OUTCOME_SHARDS; i++) {
            int shard = i;
            dynamo.updateItem(b -> b.tableName(table).key(key(runId, OUT + shard))
                    .updateExpression("SET closed = :t, expiresAt = if_not_exists(expiresAt, :exp)")
                    .expressionAttributeValues(Map.of(":t", AttributeValue.fromBool(true), ":exp", expiry())));
        }
    }

    /** What was posted, for the operator and the local runner; ends the claim and takes the run off the sweep's list. */
    public void recordSummary(String runId, Instant now, boolean complete, String line) {
        dynamo.updateItem(b -> b.tableName(table).key(key(runId, RUN))
                .updateExpression("SET #st = :done, summarizedAt = :now, complete = :c, summaryLine = :l")
                .expressionAttributeNames(Map.of("#st", "status"))
                .expressionAttributeValues(Map.of(":done", s(SUMMARIZED), ":now", s(now.toString()),
                        ":c", AttributeValue.fromBool(complete), ":l", s(line))));
        forgetOpen(runId);
    }

    /**
     * A summariser that could not start every channel in its invocation gives its claim up, so the next
     * invocation (a report of the run, or the sweep) takes over at once instead of after the stale timeout.
     */
    public void releaseClaim(String runId) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(runId, RUN)).updateExpression("SET claimedAt = :zero")
                    .conditionExpression("#st = :summarizing").expressionAttributeNames(Map.of("#st", "status"))
                    .expressionAttributeValues(Map.of(":zero", n(0), ":summarizing", s(SUMMARIZING))));
        } catch (ConditionalCheckFailedException done) {
            // Summarised meanwhile: nothing to give up.
        }
    }

    public void forgetOpen(String runId) {
        dynamo.deleteItem(b -> b.tableName(table).key(key(OPEN_RUNS, runId)));
    }

    public Optional<RunTally> load(String runId) {
        List<Map<String, AttributeValue>> items = queryAll(runId);
        Map<String, AttributeValue> run = null;
        Map<String, StoreTally> stores = new TreeMap<>();
        OutcomeCounts outcomes = OutcomeCounts.empty();
        Map<String, String> labels = new TreeMap<>();
        for (Map<String, AttributeValue> item : items) {
            String sk = item.get("item").s();
            item.forEach((name, v) -> {
                if (name.startsWith(LABEL_PREFIX) && v.s() != null) {
                    labels.put(name.substring(LABEL_PREFIX.length()), v.s());
                }
            });
            if (sk.equals(RUN)) {
                run = item;
            } else if (sk.startsWith(STORE)) {
                StoreTally t = toStore(sk.substring(STORE.length()), item);
                stores.put(t.storeId(), t);
            } else if (sk.startsWith(OUT)) {
                outcomes = outcomes.plus(toOutcomes(item, ""));
            }
        }
        if (run == null) {
            return Optional.empty();
        }
        List<String> announced = run.containsKey("storeIds")
                ? run.get("storeIds").l().stream().map(AttributeValue::s).toList() : List.of();
        Instant firstSeen = Instant.parse(run.get("firstSeenAt").s());
        return Optional.of(new RunTally(runId,
                run.containsKey("cycleAt") ? Instant.parse(run.get("cycleAt").s()) : firstSeen,
                run.containsKey("mode") ? FetchMode.valueOf(run.get("mode").s()) : FetchMode.NORMAL,
                run.containsKey("announced") && run.get("announced").bool(),
                announced, stores, outcomes, status(run), firstSeen,
                Instant.ofEpochMilli(Long.parseLong(run.get("deadlineAt").n())), labels));
    }

    private static RunTally.Status status(Map<String, AttributeValue> run) {
        return switch (run.get("status").s()) {
            case SUMMARIZED -> RunTally.Status.SUMMARIZED;
            case SUMMARIZING -> RunTally.Status.SUMMARIZING;
            default -> RunTally.Status.OPEN;
        };
    }

    /**
     * Takes the late outcomes of other runs waiting for a summary, for the summary of {@code takerRunId},
     * and returns everything that summary has taken, by run: also what an earlier, dead invocation of the
     * same summary took, so a takeover reports exactly that and nothing is lost.
     *
     * <p>Each source shard's late counters move, in one conditional update on its late version, into the
     * same item's {@code took_<taker>} map: the take and its record are one write, so a late outcome is
     * either still late or recorded as taken by exactly one summary. The runs taken from are listed on the
     * taker's run item before any take, which is how a takeover finds them. A marker is removed only if no
     * late outcome arrived since it was read.
     */
    public Map<String, OutcomeCounts> takeLateOutcomes(String takerRunId) {
        Map<String, AttributeValue> markers = new TreeMap<>();
        queryAll(LATE_RUNS).forEach(m -> markers.put(m.get("item").s(), m.get("markerVersion")));
        markers.remove(takerRunId);
        List<String> sources = List.copyOf(markers.keySet());
        if (!sources.isEmpty()) {
            dynamo.updateItem(b -> b.tableName(table).key(key(takerRunId, RUN)).updateExpression("ADD lateFrom :runs")
                    .expressionAttributeValues(Map.of(":runs", AttributeValue.fromSs(sources))));
        }
        for (String runId : sources) {
            AttributeValue markerVersion = markers.get(runId);
            boolean all = true;
            for (Map<String, AttributeValue> item : queryAll(runId)) {
                if (item.get("item").s().startsWith(OUT) && item.containsKey("lateVersion")) {
                    all &= moveLate(runId, item, takerRunId);
                }
            }
            if (all && markerVersion != null) {
                try {
                    dynamo.deleteItem(b -> b.tableName(table).key(key(LATE_RUNS, runId))
                            .conditionExpression("markerVersion = :v")
                            .expressionAttributeValues(Map.of(":v", markerVersion)));
                } catch (ConditionalCheckFailedException newer) {
                    // A late outcome arrived meanwhile: the marker stays for the next summary.
                }
            }
        }
        return takenLateOutcomes(takerRunId);
    }

    /** What the summary of {@code takerRunId} has taken so far, by run, without taking anything. */
    public Map<String, OutcomeCounts> takenLateOutcomes(String takerRunId) {
        Map<String, AttributeValue> run = dynamo.getItem(b -> b.tableName(table).key(key(takerRunId, RUN)).consistentRead(true)).item();
        Map<String, OutcomeCounts> taken = new TreeMap<>();
        if (run == null || !run.containsKey("lateFrom")) {
            return taken;
        }
        String took = TOOK_PREFIX + takerRunId;
        for (String runId : run.get("lateFrom").ss()) {
            OutcomeCounts late = OutcomeCounts.empty();
            for (Map<String, AttributeValue> item : queryAll(runId)) {
                if (item.get("item").s().startsWith(OUT) && item.containsKey(took)) {
                    late = late.plus(toOutcomes(item.get(took).m(), ""));
                }
            }
            if (late.total() > 0) {
                taken.put(runId, late);
            }
        }
        return taken;
    }

    private boolean moveLate(String runId, Map<String, AttributeValue> item, String takerRunId) {
        String took = TOOK_PREFIX + takerRunId;
        Map<String, AttributeValue> current = item;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            List<String> lateAttributes = current.keySet().stream().filter(a -> a.startsWith(LATE_PREFIX)).toList();
            if (lateAttributes.isEmpty()) {
                return true;
            }
            Map<String, AttributeValue> moved = new HashMap<>(current.containsKey(took) ? current.get(took).m() : Map.of());
            Map<String, String> names = new HashMap<>(Map.of("#took", took));
            List<String> removes = new ArrayList<>();
            for (int i = 0; i < lateAttributes.size(); i++) {
                String a = lateAttributes.get(i);
                names.put("#a" + i, a);
                removes.add("#a" + i);
                moved.merge(a.substring(LATE_PREFIX.length()), current.get(a), RunLedger::add);
            }
            AttributeValue version = current.get("lateVersion");
            String sk = current.get("item").s();
            try {
                // The take moves the version too, so a second taker holding the same read fails its condition.
                dynamo.updateItem(b -> b.tableName(table).key(key(runId, sk))
                        .updateExpression("REMOVE " + String.join(", ", removes) + " SET #took = :took ADD lateVersion :one")
                        .conditionExpression("lateVersion = :v").expressionAttributeNames(names)
                        .expressionAttributeValues(Map.of(":v", version, ":one", n(1), ":took", AttributeValue.fromM(moved))));
                return true;
            } catch (ConditionalCheckFailedException changed) {
                current = dynamo.getItem(b -> b.tableName(table).key(key(runId, sk)).consistentRead(true)).item();
                if (current == null || current.isEmpty()) {
                    return true;
                }
            }
        }
        LOG.warn("late outcomes of run {} kept changing; left for the next summary", runId);
        return false;
    }

    /** Counters add up; lists (the lines) are joined. */
    private static AttributeValue add(AttributeValue a, AttributeValue b) {
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

    /** Runs still open (or with a claim that may have died): the sweep evaluates these. */
    public List<String> openRuns() {
        return queryAll(OPEN_RUNS).stream().map(i -> i.get("item").s()).toList();
    }

    private List<Map<String, AttributeValue>> queryAll(String runId) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamo.query(b -> b.tableName(table).consistentRead(true).exclusiveStartKey(from)
                    .keyConditionExpression("runId = :r").expressionAttributeValues(Map.of(":r", s(runId))));
            items.addAll(page.items());
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return items;
    }

    private static StoreTally toStore(String storeId, Map<String, AttributeValue> item) {
        Map<String, Integer> byStatus = new TreeMap<>();
        if (item.containsKey("byStatus")) {
            item.get("byStatus").m().forEach((k, v) -> byStatus.put(k, Integer.parseInt(v.n())));
        }
        Map<String, Integer> planned = new TreeMap<>();
        item.forEach((name, v) -> {
            if (name.startsWith("planned_")) {
                planned.put(name.substring("planned_".length()), Integer.parseInt(v.n()));
            }
        });
        Set<Integer> chunks = new HashSet<>();
        if (item.containsKey("plannedChunks")) {
            item.get("plannedChunks").ns().forEach(x -> chunks.add(Integer.parseInt(x)));
        }
        List<String> reasons = item.containsKey("skipReasons")
                ? item.get("skipReasons").l().stream().map(AttributeValue::s).toList() : List.of();
        int fetchSkips = item.containsKey("fetchSkips") ? Integer.parseInt(item.get("fetchSkips").n()) : 0;
        int planSkips = item.containsKey("skippedCount") ? Integer.parseInt(item.get("skippedCount").n()) : 0;
        List<RunNote> notes = item.containsKey("notes") ? item.get("notes").l().stream().map(RunLedger::note).toList() : List.of();
        int notesOmitted = item.containsKey("notesOmitted") ? Integer.parseInt(item.get("notesOmitted").n()) : 0;
        return new StoreTally(storeId, item.containsKey("fetched") && item.get("fetched").bool(),
                item.containsKey("failedReason") ? item.get("failedReason").s() : null,
                item.containsKey("chunkCount") ? Integer.parseInt(item.get("chunkCount").n()) : 1,
                chunks, byStatus, planned, Math.max(planSkips, fetchSkips), reasons, notes, notesOmitted);
    }

    /**
     * Counters named {@code prefix + n_STATUS_RULE}, {@code prefix + sent_TYPE}, {@code prefix + replayed},
     * and the lines {@code prefix + lines} with {@code prefix + linesOmitted}.
     */
    static OutcomeCounts toOutcomes(Map<String, AttributeValue> item, String prefix) {
        OutcomeCounts counts = OutcomeCounts.empty();
        int replayed = 0;
        int omitted = 0;
        List<TextLine> lines = new ArrayList<>();
        for (Map.Entry<String, AttributeValue> a : item.entrySet()) {
            if (!a.getKey().startsWith(prefix) || (prefix.isEmpty() && a.getKey().startsWith(LATE_PREFIX))) {
                continue;
            }
            String name = a.getKey().substring(prefix.length());
            if (name.equals("lines")) {
                a.getValue().l().forEach(l -> lines.add(line(l)));
                continue;
            }
            int value = a.getValue().n() == null ? 0 : Integer.parseInt(a.getValue().n());
            if (name.startsWith("n_")) {
                String[] parts = name.split("_", 3);
                counts.byStatusAndKind().computeIfAbsent(OutcomeStatus.valueOf(parts[1]), x -> new TreeMap<>())
                        .merge(parts[2], value, Integer::sum);
            } else if (name.startsWith("sent_")) {
                counts.sentByType().merge(SmsType.valueOf(name.substring(5)), value, Integer::sum);
            } else if (name.equals("replayed")) {
                replayed += value;
            } else if (name.equals("linesOmitted")) {
                omitted += value;
            }
        }
        return counts.withReplayed(replayed).withLines(lines, omitted);
    }

    /** A line as stored: short attribute names, because a shard holds thousands of them. */
    private static AttributeValue lineItem(TextLine l) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put("st", s(l.status().name()));
        m.put("r", s(l.rule()));
        m.put("l", s(l.label()));
        m.put("s", s(l.storeId()));
        if (l.customer() != null) {
            m.put("c", s(l.customer()));
        }
        if (l.phoneLast4() != null) {
            m.put("p", s(l.phoneLast4()));
        }
        return AttributeValue.fromM(m);
    }

    private static TextLine line(AttributeValue v) {
        Map<String, AttributeValue> m = v.m();
        return new TextLine(OutcomeStatus.valueOf(m.get("st").s()), m.get("r").s(), m.get("l").s(), m.get("s").s(),
                m.containsKey("c") ? m.get("c").s() : null, m.containsKey("p") ? m.get("p").s() : null);
    }

    private static AttributeValue noteItem(RunNote n) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put("r", s(n.rule()));
        m.put("l", s(n.label()));
        m.put("s", s(n.storeId()));
        if (n.bookingId() != null) {
            m.put("b", s(n.bookingId()));
        }
        if (n.customer() != null) {
            m.put("c", s(n.customer()));
        }
        if (n.phoneLast4() != null) {
            m.put("p", s(n.phoneLast4()));
        }
        m.put("t", s(n.text().length() <= MAX_NOTE_TEXT ? n.text() : n.text().substring(0, MAX_NOTE_TEXT)));
        m.put("ch", AttributeValue.fromSs(n.channels().stream().map(Enum::name).sorted().toList()));
        return AttributeValue.fromM(m);
    }

    private static RunNote note(AttributeValue v) {
        Map<String, AttributeValue> m = v.m();
        return new RunNote(m.get("r").s(), m.get("l").s(), m.get("s").s(), m.containsKey("b") ? m.get("b").s() : null,
                m.containsKey("c") ? m.get("c").s() : null, m.containsKey("p") ? m.get("p").s() : null, m.get("t").s(),
                m.get("ch").ss().stream().map(RunNote.Channel::valueOf).collect(java.util.stream.Collectors.toSet()));
    }

    private static AttributeValue skipLine(SkippedItem s) {
        return AttributeValue.fromS(s.reason());
    }

    private AttributeValue expiry() {
        return n(Instant.now().plus(ttl).getEpochSecond());
    }

    static int shard(String key) {
        return Math.floorMod(key.hashCode(), OUTCOME_SHARDS);
    }

    static Map<String, AttributeValue> key(String runId, String item) {
        Map<String, AttributeValue> k = new LinkedHashMap<>();
        k.put("runId", s(runId));
        k.put("item", s(item));
        return k;
    }

    static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    static AttributeValue n(long v) {
        return AttributeValue.fromN(Long.toString(v));
    }
}
