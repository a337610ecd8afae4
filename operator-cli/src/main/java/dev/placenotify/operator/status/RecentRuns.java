package dev.placenotify.operator.status;

import dev.placenotify.model.items.RunsTableLayout.RunItem;
import dev.placenotify.model.items.RunsTableLayout;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The latest runs from the notifier's runs table ({@link RunsTableLayout}: the {@code RUN} item of each run).
 * A scan filtered on the RUN items: the table holds a few thousand items (runs expire with TTL), which
 * an operator's command can afford; a schedule would need an index.
 */
final class RecentRuns {
    private final DynamoDbClient dynamo;
    private final String table;

    RecentRuns(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    List<RunView> latest(int limit) {
        List<RunView> runs = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            var page = dynamo.scan(b -> b.tableName(table).exclusiveStartKey(from)
                    .filterExpression("#item = :run")
                    .projectionExpression(String.join(", ", RunsTableLayout.PARTITION_KEY, "#st", "#mode", RunItem.CYCLE_AT,
                            RunItem.COMPLETE, RunItem.FIRST_SEEN_AT, RunItem.SUMMARY_LINE))
                    .expressionAttributeNames(Map.of("#item", RunsTableLayout.SORT_KEY, "#st", RunItem.STATUS, "#mode", RunItem.MODE))
                    .expressionAttributeValues(Map.of(":run", AttributeValue.fromS(RunsTableLayout.RUN_ITEM))));
            page.items().forEach(i -> runs.add(view(i)));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        // ISO instants sort as text; a run the notifier has seen but not yet started sorts by first sight.
        runs.sort(Comparator.comparing(RecentRuns::sortKey).reversed());
        return runs.subList(0, Math.min(limit, runs.size()));
    }

    private static String sortKey(RunView r) {
        String k = r.cycleAt() != null ? r.cycleAt() : r.firstSeenAt();
        return k == null ? "" : k;
    }

    private static RunView view(Map<String, AttributeValue> i) {
        AttributeValue complete = i.get(RunItem.COMPLETE);
        return new RunView(str(i, RunsTableLayout.PARTITION_KEY), str(i, RunItem.STATUS), str(i, RunItem.MODE),
                str(i, RunItem.CYCLE_AT), complete == null ? null : complete.bool(), str(i, RunItem.FIRST_SEEN_AT),
                str(i, RunItem.SUMMARY_LINE));
    }

    private static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s();
    }
}
