package dev.placenotify.operator.status;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The latest runs from the notifier's runs table (pk {@code runId}, sk {@code item}; item {@code RUN} has
 * {@code status} OPEN|SUMMARIZED, {@code cycleAt}, {@code summaryLine}, {@code complete}, {@code firstSeenAt}).
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
                    .projectionExpression("runId, #st, #mode, cycleAt, complete, firstSeenAt, summaryLine")
                    .expressionAttributeNames(Map.of("#item", "item", "#st", "status", "#mode", "mode"))
                    .expressionAttributeValues(Map.of(":run", AttributeValue.fromS("RUN"))));
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
        AttributeValue complete = i.get("complete");
        return new RunView(str(i, "runId"), str(i, "status"), str(i, "mode"), str(i, "cycleAt"),
                complete == null ? null : complete.bool(), str(i, "firstSeenAt"), str(i, "summaryLine"));
    }

    private static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s();
    }
}
