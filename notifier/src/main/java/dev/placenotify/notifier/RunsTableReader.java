package dev.placenotify.notifier;

import dev.placenotify.model.items.RunsTableLayout;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Strongly consistent reads of the runs table: every item of a partition (a run, or a list such as
 * {@code _open}), paged, or one item. Consistent, because each read decides what a conditional write
 * that follows may assume.
 */
final class RunsTableReader {
    private final DynamoDbClient dynamo;
    private final String table;

    RunsTableReader(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    List<Map<String, AttributeValue>> partition(String partitionKey) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamo.query(b -> b.tableName(table).consistentRead(true).exclusiveStartKey(from)
                    .keyConditionExpression(RunsTableLayout.PARTITION_KEY + " = :r")
                    .expressionAttributeValues(Map.of(":r", RunItems.s(partitionKey))));
            items.addAll(page.items());
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return items;
    }

    /** The item, or an empty map (or null) when there is none. */
    Map<String, AttributeValue> item(String partitionKey, String sortKey) {
        return dynamo.getItem(b -> b.tableName(table).key(RunItems.key(partitionKey, sortKey)).consistentRead(true)).item();
    }
}
