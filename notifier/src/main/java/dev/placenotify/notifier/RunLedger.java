package dev.placenotify.notifier;

import dev.placenotify.model.ChunkPlanned;
import dev.placenotify.model.FetchMode;
import dev.placenotify.model.JobRef;
import dev.placenotify.model.MessageKind;
import dev.placenotify.model.OutcomeStatus;
import dev.placenotify.model.RunStarted;
import dev.placenotify.model.SendOutcome;
import dev.placenotify.model.SkippedItem;
import dev.placenotify.model.SmsType;
import dev.placenotify.model.StoreFetchFailed;
import dev.placenotify.model.StoreFetched;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * Run accounting in DynamoDB, one partition per run. Every event is one conditional single-item update
 * that records its own identity (chunk index, idempotency key), so a redelivered or replayed event is
 * never counted twice, and concurrent notifiers never lose each other's counts.
 */
public final class RunLedger {
    static final String RUN = "RUN";
    static final String STORE = "STORE#";
    static final String OUT = "OUT#";
    /** Outcomes are spread over shards so no item nears DynamoDB's 400 KB limit in a large run. */
    static final int OUTCOME_SHARDS = 16;
    /** Outcomes that arrive after their run was summarised wait here for the next summary. */
    static final String LATE_RUN = "_late";
    private static final int MAX_SKIP_REASONS_PER_CHUNK = 10;

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

    /** Creates the run item on first sight of any event of the run; the deadline runs from then. */
    public void touchRun(String runId, Instant now) {
        dynamo.updateItem(b -> b.tableName(table).key(key(runId, RUN))
                .updateExpression("SET firstSeenAt = if_not_exists(firstSeenAt, :now), deadlineAt = if_not_exists(deadlineAt, :dl), "
                        + "#st = if_not_exists(#st, :open), expiresAt = if_not_exists(expiresAt, :exp)")
                .expressionAttributeNames(Map.of("#st", "status"))
                .expressionAttributeValues(Map.of(":now", s(now.toString()), ":dl", n(now.plus(deadline).toEpochMilli()),
                        ":open", s("OPEN"), ":exp", n(now.plus(ttl).getEpochSecond()))));
    }

    public void recordStarted(RunStarted e) {
        dynamo.updateItem(b -> b.tableName(table).key(key(e.runId(), RUN))
                .updateExpression("SET cycleAt = :c, #m = :m, storeIds = :s")
                .expressionAttributeNames(Map.of("#m", "mode"))
                .expressionAttributeValues(Map.of(":c", s(e.cycleAt().toString()), ":m", s(e.mode().name()),
                        ":s", AttributeValue.fromL(e.storeIds().stream().map(RunLedger::s).toList()))));
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

    /** Counts a planned chunk once: its index joins the store's set in the same conditional update. */
    public boolean recordPlanned(ChunkPlanned e) {
        Map<MessageKind, Integer> byKind = new EnumMap<>(MessageKind.class);
        for (JobRef j : e.jobs()) {
            byKind.merge(j.kind(), 1, Integer::sum);
        }
        StringBuilder update = new StringBuilder("ADD plannedChunks :idx, skippedCount :sk");
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":idx", AttributeValue.fromNs(List.of(Integer.toString(e.chunkIndex()))));
        values.put(":sk", n(e.skipped().size()));
        values.put(":i", n(e.chunkIndex()));
        byKind.forEach((kind, count) -> {
            update.append(", planned_").append(kind.name()).append(" :p_").append(kind.name());
            values.put(":p_" + kind.name(), n(count));
        });
        List<AttributeValue> reasons = e.skipped().stream().limit(MAX_SKIP_REASONS_PER_CHUNK)
                .map(RunLedger::skipLine).toList();
        update.append(" SET expiresAt = :exp, skipReasons = list_append(if_not_exists(skipReasons, :empty), :reasons)");
        values.put(":exp", expiry());
        values.put(":empty", AttributeValue.fromL(List.of()));
        values.put(":reasons", AttributeValue.fromL(reasons));
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(e.runId(), STORE + e.storeId()))
                    .updateExpression(update.toString())
                    .conditionExpression("attribute_not_exists(plannedChunks) OR NOT contains(plannedChunks, :i)")
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException dup) {
            return false;
        }
    }

    /** Counts an outcome once per idempotency key; into the late bucket when its run is already summarised. */
    public boolean recordOutcome(SendOutcome e, boolean runSummarized) {
        String runId = runSummarized ? LATE_RUN : e.runId();
        String k = e.job().idempotencyKey();
        String counter = "n_" + e.status().name() + "_" + e.job().kind().name();
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":k", s(k));
        values.put(":kset", AttributeValue.fromSs(List.of(k)));
        values.put(":one", n(1));
        values.put(":exp", expiry());
        StringBuilder update = new StringBuilder("ADD #keys :kset, #c :one");
        Map<String, String> names = new HashMap<>(Map.of("#keys", "keys", "#c", counter));
        if (e.status() == OutcomeStatus.SENT && e.job().type() != null) {
            update.append(", #t :one");
            names.put("#t", "sent_" + e.job().type().name());
        }
        update.append(" SET expiresAt = :exp");
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(runId, OUT + shard(k)))
                    .updateExpression(update.toString())
                    .conditionExpression("attribute_not_exists(#keys) OR NOT contains(#keys, :k)")
                    .expressionAttributeNames(names).expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException dup) {
            return false;
        }
    }

    /** Exactly one caller wins the right to post a run's summary. */
    public boolean claimSummary(String runId, Instant now, boolean complete) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(runId, RUN))
                    .updateExpression("SET #st = :done, summarizedAt = :now, complete = :c")
                    .conditionExpression("#st = :open")
                    .expressionAttributeNames(Map.of("#st", "status"))
                    .expressionAttributeValues(Map.of(":done", s("SUMMARIZED"), ":open", s("OPEN"), ":now", s(now.toString()),
                            ":c", AttributeValue.fromBool(complete))));
            return true;
        } catch (ConditionalCheckFailedException lost) {
            return false;
        }
    }

    public void recordSummaryLine(String runId, String line) {
        dynamo.updateItem(b -> b.tableName(table).key(key(runId, RUN)).updateExpression("SET summaryLine = :l")
                .expressionAttributeValues(Map.of(":l", s(line))));
    }

    public boolean isSummarized(String runId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(key(runId, RUN)).consistentRead(true)).item();
        return item != null && item.containsKey("status") && "SUMMARIZED".equals(item.get("status").s());
    }

    public Optional<RunTally> load(String runId) {
        List<Map<String, AttributeValue>> items = queryAll(runId);
        Map<String, AttributeValue> run = null;
        Map<String, StoreTally> stores = new TreeMap<>();
        OutcomeCounts outcomes = OutcomeCounts.empty();
        for (Map<String, AttributeValue> item : items) {
            String sk = item.get("item").s();
            if (sk.equals(RUN)) {
                run = item;
            } else if (sk.startsWith(STORE)) {
                StoreTally t = toStore(sk.substring(STORE.length()), item);
                stores.put(t.storeId(), t);
            } else if (sk.startsWith(OUT)) {
                outcomes = outcomes.plus(toOutcomes(item));
            }
        }
        if (run == null) {
            return Optional.empty();
        }
        List<String> announced = run.containsKey("storeIds")
                ? run.get("storeIds").l().stream().map(AttributeValue::s).toList() : List.of();
        return Optional.of(new RunTally(runId,
                run.containsKey("cycleAt") ? Instant.parse(run.get("cycleAt").s()) : Instant.parse(run.get("firstSeenAt").s()),
                run.containsKey("mode") ? FetchMode.valueOf(run.get("mode").s()) : FetchMode.NORMAL,
                announced, stores, outcomes, "SUMMARIZED".equals(run.get("status").s()),
                Instant.ofEpochMilli(Long.parseLong(run.get("deadlineAt").n()))));
    }

    /** Late outcomes waiting for the next summary; taking them deletes them so they are reported once. */
    public OutcomeCounts takeLateOutcomes() {
        OutcomeCounts late = OutcomeCounts.empty();
        for (Map<String, AttributeValue> item : queryAll(LATE_RUN)) {
            String sk = item.get("item").s();
            try {
                dynamo.deleteItem(b -> b.tableName(table).key(key(LATE_RUN, sk))
                        .conditionExpression("attribute_exists(#k)").expressionAttributeNames(Map.of("#k", "keys")));
                late = late.plus(toOutcomes(item));
            } catch (ConditionalCheckFailedException taken) {
                // another summary took them
            }
        }
        return late;
    }

    /** Runs still open: the sweep summarises those past their deadline. */
    public List<String> openRuns() {
        List<String> runs = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page = dynamo.scan(b -> b.tableName(table).exclusiveStartKey(from)
                    .filterExpression("#item = :run AND #st = :open")
                    .expressionAttributeNames(Map.of("#item", "item", "#st", "status"))
                    .expressionAttributeValues(Map.of(":run", s(RUN), ":open", s("OPEN"))));
            page.items().forEach(i -> runs.add(i.get("runId").s()));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return runs;
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
        Map<MessageKind, Integer> planned = new EnumMap<>(MessageKind.class);
        for (MessageKind kind : MessageKind.values()) {
            AttributeValue v = item.get("planned_" + kind.name());
            if (v != null) {
                planned.put(kind, Integer.parseInt(v.n()));
            }
        }
        Set<Integer> chunks = new HashSet<>();
        if (item.containsKey("plannedChunks")) {
            item.get("plannedChunks").ns().forEach(x -> chunks.add(Integer.parseInt(x)));
        }
        List<String> reasons = item.containsKey("skipReasons")
                ? item.get("skipReasons").l().stream().map(AttributeValue::s).toList() : List.of();
        int fetchSkips = item.containsKey("fetchSkips") ? Integer.parseInt(item.get("fetchSkips").n()) : 0;
        int planSkips = item.containsKey("skippedCount") ? Integer.parseInt(item.get("skippedCount").n()) : 0;
        return new StoreTally(storeId, item.containsKey("fetched") && item.get("fetched").bool(),
                item.containsKey("failedReason") ? item.get("failedReason").s() : null,
                item.containsKey("chunkCount") ? Integer.parseInt(item.get("chunkCount").n()) : 1,
                chunks, byStatus, planned, Math.max(planSkips, fetchSkips), reasons);
    }

    private static OutcomeCounts toOutcomes(Map<String, AttributeValue> item) {
        OutcomeCounts counts = OutcomeCounts.empty();
        item.forEach((name, v) -> {
            if (name.startsWith("n_")) {
                String[] parts = name.split("_", 3);
                counts.byStatusAndKind().computeIfAbsent(OutcomeStatus.valueOf(parts[1]), s -> new EnumMap<>(MessageKind.class))
                        .merge(MessageKind.valueOf(parts[2]), Integer.parseInt(v.n()), Integer::sum);
            } else if (name.startsWith("sent_")) {
                counts.sentByType().merge(SmsType.valueOf(name.substring(5)), Integer.parseInt(v.n()), Integer::sum);
            }
        });
        return counts;
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

    private static Map<String, AttributeValue> key(String runId, String item) {
        Map<String, AttributeValue> k = new LinkedHashMap<>();
        k.put("runId", s(runId));
        k.put("item", s(item));
        return k;
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    private static AttributeValue n(long v) {
        return AttributeValue.fromN(Long.toString(v));
    }
}
