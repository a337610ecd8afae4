package dev.placenotify.notifier;

import dev.placenotify.model.items.RunsTableLayout;

import static dev.placenotify.notifier.RunItems.key;
import static dev.placenotify.notifier.RunItems.n;

import dev.placenotify.model.items.RunsTableLayout.LateMarker;
import dev.placenotify.model.items.RunsTableLayout.OutcomeShard;
import dev.placenotify.model.items.RunsTableLayout.RunItem;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Outcomes that reach a run after its summary closed it. {@link RunLedger} counts them on their shard under
 * the {@code late_} names and calls {@link #mark}; the next summary of any run takes them here, so each is
 * reported once, by exactly one summary, and never lost when that summary's notifier dies.
 *
 * <p>A take moves a source shard's late counters, in one update conditional on its late version, into the
 * same item's {@code took_<taker>} map: the take and its record are one write. The runs taken from are listed
 * on the taker's run item ({@code lateFrom}) before any take, which is how a takeover finds them. A marker in
 * {@value RunsTableLayout#LATE_RUNS} is removed only if no late outcome arrived since it was read.
 */
public final class LateOutcomes {
    private static final Logger LOG = LoggerFactory.getLogger(LateOutcomes.class);
    /** Far longer than the wait for the next summary (one per 20-minute cycle), which removes the marker. */
    private static final Duration MARKER_TTL = Duration.ofDays(2);
    private static final int ATTEMPTS = 3;

    private final DynamoDbClient dynamo;
    private final String table;
    private final RunsTableReader reads;
    private final Clock clock;

    public LateOutcomes(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.reads = new RunsTableReader(dynamo, table);
        this.clock = clock;
    }

    /** Points the next summary at {@code runId}'s late outcomes; every call moves the marker's version. */
    void mark(String runId) {
        dynamo.updateItem(b -> b.tableName(table).key(key(RunsTableLayout.LATE_RUNS, runId))
                .updateExpression("ADD " + LateMarker.MARKER_VERSION + " :one SET " + RunsTableLayout.EXPIRES_AT + " = :exp")
                .expressionAttributeValues(Map.of(":one", n(1), ":exp", n(clock.instant().plus(MARKER_TTL).getEpochSecond()))));
    }

    /**
     * Takes the late outcomes of other runs waiting for a summary, for the summary of {@code takerRunId},
     * and returns everything that summary has taken, by run: also what an earlier, dead invocation of the
     * same summary took, so a takeover reports exactly that and nothing is lost.
     */
    public Map<String, OutcomeCounts> takeLateOutcomes(String takerRunId) {
        Map<String, AttributeValue> markers = new TreeMap<>();
        reads.partition(RunsTableLayout.LATE_RUNS)
                .forEach(m -> markers.put(RunItems.sortKey(m), m.get(LateMarker.MARKER_VERSION)));
        markers.remove(takerRunId);
        List<String> sources = List.copyOf(markers.keySet());
        if (!sources.isEmpty()) {
            dynamo.updateItem(b -> b.tableName(table).key(key(takerRunId, RunsTableLayout.RUN_ITEM))
                    .updateExpression("ADD " + RunItem.LATE_FROM + " :runs")
                    .expressionAttributeValues(Map.of(":runs", AttributeValue.fromSs(sources))));
        }
        for (String runId : sources) {
            AttributeValue markerVersion = markers.get(runId);
            boolean all = true;
            for (Map<String, AttributeValue> item : reads.partition(runId)) {
                if (RunsTableLayout.isOutcomeShard(RunItems.sortKey(item)) && item.containsKey(OutcomeShard.LATE_VERSION)) {
                    all &= take(runId, item, takerRunId);
                }
            }
            if (all && markerVersion != null) {
                try {
                    dynamo.deleteItem(b -> b.tableName(table).key(key(RunsTableLayout.LATE_RUNS, runId))
                            .conditionExpression(LateMarker.MARKER_VERSION + " = :v")
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
        Map<String, AttributeValue> run = reads.item(takerRunId, RunsTableLayout.RUN_ITEM);
        Map<String, OutcomeCounts> taken = new TreeMap<>();
        if (run == null || !run.containsKey(RunItem.LATE_FROM)) {
            return taken;
        }
        for (String runId : run.get(RunItem.LATE_FROM).ss()) {
            OutcomeCounts late = RunItems.taken(reads.partition(runId), takerRunId);
            if (late.total() > 0) {
                taken.put(runId, late);
            }
        }
        return taken;
    }

    /** Takes one shard's late outcomes; false when they kept changing under the take (left for the next summary). */
    private boolean take(String runId, Map<String, AttributeValue> shard, String takerRunId) {
        Map<String, AttributeValue> current = shard;
        String sk = RunItems.sortKey(shard);
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Optional<RunUpdates.ItemUpdate> move = RunUpdates.takeLate(current, takerRunId);
            if (move.isEmpty()) {
                return true;
            }
            RunUpdates.ItemUpdate u = move.get();
            try {
                dynamo.updateItem(b -> b.tableName(table).key(key(runId, sk)).updateExpression(u.update())
                        .conditionExpression(u.condition()).expressionAttributeNames(u.names()).expressionAttributeValues(u.values()));
                return true;
            } catch (ConditionalCheckFailedException changed) {
                current = reads.item(runId, sk);
                if (current == null || current.isEmpty()) {
                    return true;
                }
            }
        }
        LOG.warn("late outcomes of run {} kept changing; left for the next summary", runId);
        return false;
    }
}
