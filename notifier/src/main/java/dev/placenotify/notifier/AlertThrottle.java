package dev.placenotify.notifier;

import dev.placenotify.model.items.RunsTableLayout;

import dev.placenotify.model.AlertCause;
import dev.placenotify.model.items.RunsTableLayout.AlertSlot;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * At most one alert per cause and subject per interval, decided by a conditional write so concurrent
 * notifiers agree, and an outage does not flood the channel. Alerts held back are counted, and the next
 * alert that goes out says how many there were.
 */
public final class AlertThrottle {
    private final DynamoDbClient dynamo;
    private final String table;
    private final Duration interval;

    public AlertThrottle(DynamoDbClient dynamo, String table, Duration interval) {
        this.dynamo = dynamo;
        this.table = table;
        this.interval = interval;
    }

    /** Leave to post one alert, granted at {@code at}; {@code suppressed} alerts were held back before it. */
    public record Permit(AlertCause cause, String subject, Instant at, int suppressed) {}

    /** A permit when this caller may send the alert now; empty (and the alert counted) when throttled. */
    public Optional<Permit> tryAcquire(AlertCause cause, String subject, Instant now) {
        Map<String, AttributeValue> key = key(cause, subject);
        try {
            Map<String, AttributeValue> old = dynamo.updateItem(b -> b.tableName(table).key(key)
                    .updateExpression("SET #last = :now, #exp = :exp REMOVE #suppressed")
                    .conditionExpression("attribute_not_exists(#last) OR #last <= :cutoff")
                    .expressionAttributeNames(Map.of("#last", AlertSlot.LAST_SENT_AT, "#suppressed", AlertSlot.SUPPRESSED,
                            "#exp", RunsTableLayout.EXPIRES_AT))
                    .expressionAttributeValues(Map.of(":now", millis(now), ":cutoff", millis(now.minus(interval)),
                            ":exp", AttributeValue.fromN(Long.toString(now.plus(interval).plus(Duration.ofDays(1)).getEpochSecond()))))
                    .returnValues(ReturnValue.ALL_OLD)).attributes();
            int suppressed = old != null && old.containsKey(AlertSlot.SUPPRESSED) ? Integer.parseInt(old.get(AlertSlot.SUPPRESSED).n()) : 0;
            return Optional.of(new Permit(cause, subject, now, suppressed));
        } catch (ConditionalCheckFailedException throttled) {
            dynamo.updateItem(b -> b.tableName(table).key(key).updateExpression("ADD #suppressed :one")
                    .expressionAttributeNames(Map.of("#suppressed", AlertSlot.SUPPRESSED))
                    .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))));
            return Optional.empty();
        }
    }

    /**
     * The alert could not be posted on any channel: give the slot back (and the count of held-back
     * alerts), so the next occurrence of the cause tries again instead of staying silent for an interval.
     */
    public void release(Permit permit) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(permit.cause(), permit.subject()))
                    .updateExpression("REMOVE #last ADD #suppressed :n")
                    .conditionExpression("#last = :at")
                    .expressionAttributeNames(Map.of("#last", AlertSlot.LAST_SENT_AT, "#suppressed", AlertSlot.SUPPRESSED))
                    .expressionAttributeValues(Map.of(":at", millis(permit.at()),
                            ":n", AttributeValue.fromN(Integer.toString(permit.suppressed())))));
        } catch (ConditionalCheckFailedException newer) {
            // Another notifier has taken the slot since: nothing to give back.
        }
    }

    private static Map<String, AttributeValue> key(AlertCause cause, String subject) {
        return RunItems.key(RunsTableLayout.ALERTS, RunsTableLayout.alertItem(cause.name(), subject));
    }

    private static AttributeValue millis(Instant t) {
        return AttributeValue.fromN(Long.toString(t.toEpochMilli()));
    }
}
