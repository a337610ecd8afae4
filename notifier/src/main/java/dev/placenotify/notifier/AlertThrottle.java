package dev.placenotify.notifier;

import dev.placenotify.model.AlertCause;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * At most one alert per cause and subject per interval, decided by a conditional write so concurrent
 * notifiers agree, and an outage does not flood the channel.
 */
public final class AlertThrottle {
    static final String ALERTS = "_alerts";

    private final DynamoDbClient dynamo;
    private final String table;
    private final Duration interval;

    public AlertThrottle(DynamoDbClient dynamo, String table, Duration interval) {
        this.dynamo = dynamo;
        this.table = table;
        this.interval = interval;
    }

    /** True when this caller may send the alert now; the count of suppressed ones is kept for the next. */
    public boolean tryAcquire(AlertCause cause, String subject, Instant now) {
        String item = cause.name() + "#" + subject;
        try {
            dynamo.updateItem(b -> b.tableName(table)
                    .key(Map.of("runId", AttributeValue.fromS(ALERTS), "item", AttributeValue.fromS(item)))
                    .updateExpression("SET lastSentAt = :now, expiresAt = :exp")
                    .conditionExpression("attribute_not_exists(lastSentAt) OR lastSentAt <= :cutoff")
                    .expressionAttributeValues(Map.of(":now", AttributeValue.fromN(Long.toString(now.toEpochMilli())),
                            ":cutoff", AttributeValue.fromN(Long.toString(now.minus(interval).toEpochMilli())),
                            ":exp", AttributeValue.fromN(Long.toString(now.plus(Duration.ofDays(2)).getEpochSecond())))));
            return true;
        } catch (ConditionalCheckFailedException throttled) {
            dynamo.updateItem(b -> b.tableName(table)
                    .key(Map.of("runId", AttributeValue.fromS(ALERTS), "item", AttributeValue.fromS(item)))
                    .updateExpression("ADD suppressed :one")
                    .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))));
            return false;
        }
    }
}
