package dev.placenotify.shell;

/** One DynamoDB table: string keys, an optional sort key, and the epoch-seconds TTL attribute. */
public record TableSpec(String logicalName, String partitionKey, String sortKey, String ttlAttribute) {
    public String tableName(String stageName) {
        return "place-notify-" + stageName + "-" + logicalName;
    }

    public boolean hasSortKey() {
        return sortKey != null;
    }
}
