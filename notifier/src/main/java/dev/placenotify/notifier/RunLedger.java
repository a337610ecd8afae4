package dev.placenotify.notifier;

import dev.placenotify.model.items.RunsTableLayout;

import static dev.placenotify.notifier.RunItems.key;
import static dev.placenotify.notifier.RunItems.n;
import static dev.placenotify.notifier.RunItems.s;
import static dev.placenotify.model.items.RunsTableLayout.EXPIRES_AT;
import static dev.placenotify.model.items.RunsTableLayout.RUN_ITEM;

import dev.placenotify.model.ChunkPlanned;
import dev.placenotify.model.RunStarted;
import dev.placenotify.model.SendOutcome;
import dev.placenotify.model.StoreFetchFailed;
import dev.placenotify.model.StoreFetched;
import dev.placenotify.model.items.RunsTableLayout.OutcomeShard;
import dev.placenotify.model.items.RunsTableLayout.RunItem;
import dev.placenotify.model.items.RunsTableLayout.StoreItem;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Run accounting in DynamoDB, one partition per run (layout: {@link RunsTableLayout}). Every event is one
 * conditional single-item update that records its own identity (chunk index, idempotency key), so a
 * redelivered or replayed event is never counted twice, and concurrent notifiers never lose each other's
 * counts. The updates are built by {@link RunUpdates}; items become a {@link RunTally} in {@link RunItems}.
 *
 * <p>Outcomes live on {@value RunsTableLayout#OUTCOME_SHARDS} shard items. The summariser closes every shard
 * before it reads them: an outcome written before the close is in the summary, one written after it finds
 * the shard closed and is counted as late on the same item (so it is still deduplicated by key), and
 * {@link LateOutcomes} points the next summary at it.
 */
public final class RunLedger {
    private static final Logger LOG = LoggerFactory.getLogger(RunLedger.class);
    private static final int ATTEMPTS = 3;

    /** What became of one reported outcome. */
    public enum OutcomeRecord { COUNTED, LATE, DUPLICATE }

    private final DynamoDbClient dynamo;
    private final String table;
    private final RunsTableReader reads;
    private final Duration deadline;
    private final Duration ttl;
    private final LateOutcomes late;
    private final Clock clock;

    public RunLedger(DynamoDbClient dynamo, String table, Duration deadline, Duration ttl, LateOutcomes late, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.reads = new RunsTableReader(dynamo, table);
        this.deadline = deadline;
        this.ttl = ttl;
        this.late = late;
        this.clock = clock;
    }

    /**
     * Creates the run item on first sight of any event of the run; the deadline runs from then. The
     * first touch also lists the run in the open-runs partition; {@code openListed} is set only after that
     * write, so a failure between the two is repaired by the redelivered event.
     */
    public void touchRun(String runId, Instant now) {
        Map<String, AttributeValue> run = dynamo.updateItem(b -> b.tableName(table).key(key(runId, RUN_ITEM))
                .updateExpression("SET #first = if_not_exists(#first, :now), #dl = if_not_exists(#dl, :dl), "
                        + "#st = if_not_exists(#st, :open), #exp = if_not_exists(#exp, :exp)")
                .expressionAttributeNames(Map.of("#first", RunItem.FIRST_SEEN_AT, "#dl", RunItem.DEADLINE_AT, "#st", RunItem.STATUS,
                        "#exp", EXPIRES_AT))
                .expressionAttributeValues(Map.of(":now", s(now.toString()), ":dl", n(now.plus(deadline).toEpochMilli()),
                        ":open", s(RunItem.OPEN), ":exp", n(now.plus(ttl).getEpochSecond())))
                .returnValues(ReturnValue.ALL_NEW)).attributes();
        if (!run.containsKey(RunItem.OPEN_LISTED) && RunItem.OPEN.equals(run.get(RunItem.STATUS).s())) {
            dynamo.updateItem(b -> b.tableName(table).key(key(RunsTableLayout.OPEN_RUNS, runId))
                    .updateExpression("SET #exp = :exp").expressionAttributeNames(Map.of("#exp", EXPIRES_AT))
                    .expressionAttributeValues(Map.of(":exp", expiry())));
            dynamo.updateItem(b -> b.tableName(table).key(key(runId, RUN_ITEM)).updateExpression("SET #listed = :t")
                    .expressionAttributeNames(Map.of("#listed", RunItem.OPEN_LISTED))
                    .expressionAttributeValues(Map.of(":t", AttributeValue.fromBool(true))));
        }
    }

    public void recordStarted(RunStarted e) {
        dynamo.updateItem(b -> b.tableName(table).key(key(e.runId(), RUN_ITEM))
                .updateExpression("SET #c = :c, #m = :m, #s = :s, #a = :t")
                .expressionAttributeNames(Map.of("#c", RunItem.CYCLE_AT, "#m", RunItem.MODE, "#s", RunItem.STORE_IDS,
                        "#a", RunItem.ANNOUNCED))
                .expressionAttributeValues(Map.of(":c", s(e.cycleAt().toString()), ":m", s(e.mode().name()),
                        ":s", AttributeValue.fromL(e.storeIds().stream().map(RunItems::s).toList()),
                        ":t", AttributeValue.fromBool(true))));
    }

    public void recordFetched(StoreFetched e) {
        Map<String, AttributeValue> byStatus = new HashMap<>();
        e.bookingsByStatus().forEach((k, v) -> byStatus.put(k, n(v)));
        dynamo.updateItem(b -> b.tableName(table).key(key(e.runId(), RunsTableLayout.storeItem(e.storeId())))
                .updateExpression("SET #f = :t, #c = :c, #bs = :bs, #fs = :fs, #exp = :exp")
                .expressionAttributeNames(Map.of("#f", StoreItem.FETCHED, "#c", StoreItem.CHUNK_COUNT, "#bs", StoreItem.BY_STATUS,
                        "#fs", StoreItem.FETCH_SKIPS, "#exp", EXPIRES_AT))
                .expressionAttributeValues(Map.of(":t", AttributeValue.fromBool(true), ":c", n(e.chunkCount()),
                        ":bs", AttributeValue.fromM(byStatus), ":fs", n(e.skipped().size()), ":exp", expiry())));
    }

    public void recordFetchFailed(StoreFetchFailed e) {
        dynamo.updateItem(b -> b.tableName(table).key(key(e.runId(), RunsTableLayout.storeItem(e.storeId())))
                .updateExpression("SET #r = :r, #exp = :exp")
                .expressionAttributeNames(Map.of("#r", StoreItem.FAILED_REASON, "#exp", EXPIRES_AT))
                .expressionAttributeValues(Map.of(":r", s(e.reason()), ":exp", expiry())));
    }

    /** Counts a planned chunk once (see {@link RunUpdates#plannedChunk}); false when it was counted before. */
    public boolean recordPlanned(ChunkPlanned e) {
        return apply(key(e.runId(), RunsTableLayout.storeItem(e.storeId())), RunUpdates.plannedChunk(e, expiry()));
    }

    /**
     * Counts an outcome once per idempotency key: into the run's counters while its shard is open, into
     * the same item's late counters once the summariser has closed it.
     */
    public OutcomeRecord recordOutcome(SendOutcome e) {
        String k = e.job().idempotencyKey();
        String shard = RunsTableLayout.outcomeShardOf(k);
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            if (countOutcome(e, shard, false)) {
                return OutcomeRecord.COUNTED;
            }
            Map<String, AttributeValue> item = reads.item(e.runId(), shard);
            boolean seen = item != null && item.containsKey(OutcomeShard.KEYS) && item.get(OutcomeShard.KEYS).ss().contains(k);
            boolean closed = item != null && item.containsKey(OutcomeShard.CLOSED);
            if (seen) {
                if (closed) {
                    // A late count whose marker write was lost would otherwise never be reported.
                    late.mark(e.runId());
                }
                return OutcomeRecord.DUPLICATE;
            }
            if (closed) {
                if (countOutcome(e, shard, true)) {
                    late.mark(e.runId());
                    return OutcomeRecord.LATE;
                }
                return OutcomeRecord.DUPLICATE;
            }
            // Neither seen nor closed: the item changed between the update and the read; try again.
        }
        throw new IllegalStateException("outcome " + k + " of run " + e.runId() + " could not be recorded");
    }

    private boolean countOutcome(SendOutcome e, String shard, boolean isLate) {
        Map<String, AttributeValue> shardKey = key(e.runId(), shard);
        try {
            return apply(shardKey, RunUpdates.outcome(e, isLate, TextLine.listed(e), expiry()));
        } catch (DynamoDbException tooBig) {
            if (!TextLine.listed(e) || tooBig.getMessage() == null || !tooBig.getMessage().contains("maximum allowed size")) {
                throw tooBig;
            }
            // The shard is full: the outcome is still counted (and deduplicated); only its line is left out, and counted.
            LOG.warn("shard {} of run {} is full: outcome {} counted without its line", shard, e.runId(), e.job().idempotencyKey());
            return apply(shardKey, RunUpdates.outcome(e, isLate, false, expiry()));
        }
    }

    /** Sends a conditional update; false when its condition refused it. */
    private boolean apply(Map<String, AttributeValue> key, RunUpdates.ItemUpdate u) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key).updateExpression(u.update()).conditionExpression(u.condition())
                    .expressionAttributeNames(u.names().isEmpty() ? null : u.names()).expressionAttributeValues(u.values()));
            return true;
        } catch (ConditionalCheckFailedException refused) {
            return false;
        }
    }

    /**
     * Exactly one caller wins the right to post a run's summary. A claim whose holder died before posting
     * (its claim is older than {@code staleBefore}) can be taken over, so a crash never loses a summary.
     */
    public boolean claimSummary(String runId, Instant now, Instant staleBefore) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(runId, RUN_ITEM))
                    .updateExpression("SET #st = :claiming, #at = :now")
                    .conditionExpression("#st = :open OR (#st = :claiming AND #at < :stale)")
                    .expressionAttributeNames(Map.of("#st", RunItem.STATUS, "#at", RunItem.CLAIMED_AT))
                    .expressionAttributeValues(Map.of(":claiming", s(RunItem.SUMMARIZING), ":open", s(RunItem.OPEN),
                            ":now", n(now.toEpochMilli()), ":stale", n(staleBefore.toEpochMilli()))));
            return true;
        } catch (ConditionalCheckFailedException lost) {
            return false;
        }
    }

    /** From now on every new outcome of the run is late: called after the claim, before the final read. */
    public void closeOutcomes(String runId) {
        for (int i = 0; i < RunsTableLayout.OUTCOME_SHARDS; i++) {
            String shard = RunsTableLayout.outcomeShardItem(i);
            dynamo.updateItem(b -> b.tableName(table).key(key(runId, shard))
                    .updateExpression("SET #closed = :t, #exp = if_not_exists(#exp, :exp)")
                    .expressionAttributeNames(Map.of("#closed", OutcomeShard.CLOSED, "#exp", EXPIRES_AT))
                    .expressionAttributeValues(Map.of(":t", AttributeValue.fromBool(true), ":exp", expiry())));
        }
    }

    /** What was posted, for the operator and the local runner; ends the claim and takes the run off the sweep's list. */
    public void recordSummary(String runId, Instant now, boolean complete, String line) {
        dynamo.updateItem(b -> b.tableName(table).key(key(runId, RUN_ITEM))
                .updateExpression("SET #st = :done, #at = :now, #c = :c, #l = :l")
                .expressionAttributeNames(Map.of("#st", RunItem.STATUS, "#at", RunItem.SUMMARIZED_AT, "#c", RunItem.COMPLETE,
                        "#l", RunItem.SUMMARY_LINE))
                .expressionAttributeValues(Map.of(":done", s(RunItem.SUMMARIZED), ":now", s(now.toString()),
                        ":c", AttributeValue.fromBool(complete), ":l", s(line))));
        forgetOpen(runId);
    }

    /**
     * A summariser that could not start every channel in its invocation gives its claim up, so the next
     * invocation (a report of the run, or the sweep) takes over at once instead of after the stale timeout.
     */
    public void releaseClaim(String runId) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(runId, RUN_ITEM)).updateExpression("SET #at = :zero")
                    .conditionExpression("#st = :summarizing")
                    .expressionAttributeNames(Map.of("#st", RunItem.STATUS, "#at", RunItem.CLAIMED_AT))
                    .expressionAttributeValues(Map.of(":zero", n(0), ":summarizing", s(RunItem.SUMMARIZING))));
        } catch (ConditionalCheckFailedException done) {
            // Summarised meanwhile: nothing to give up.
        }
    }

    public void forgetOpen(String runId) {
        dynamo.deleteItem(b -> b.tableName(table).key(key(RunsTableLayout.OPEN_RUNS, runId)));
    }

    public Optional<RunTally> load(String runId) {
        return RunItems.tally(runId, reads.partition(runId));
    }

    /** Runs still open (or with a claim that may have died): the sweep evaluates these. */
    public List<String> openRuns() {
        return reads.partition(RunsTableLayout.OPEN_RUNS).stream().map(RunItems::sortKey).toList();
    }

    private AttributeValue expiry() {
        return n(clock.instant().plus(ttl).getEpochSecond());
    }
}
