package dev.placenotify.model;

import java.util.List;

/** One DynamoDB table: string keys, an optional sort key, the epoch-seconds TTL attribute and its indexes. */
public record TableSpec(String logicalName, String partitionKey, String sortKey, String ttlAttribute,
                        List<IndexSpec> indexes) {
    public TableSpec {
        indexes = List.copyOf(indexes);
    }

    public TableSpec(String logicalName, String partitionKey, String sortKey, String ttlAttribute) {
        this(logicalName, partitionKey, sortKey, ttlAttribute, List.of());
    }

    public String tableName(String environmentName) {
        return "place-notify-" + environmentName + "-" + logicalName;
    }

    public boolean hasSortKey() {
        return sortKey != null;
    }
}
