package dev.placenotify.fetcher;

import dev.placenotify.fetcher.NaverSession.SessionStatus;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Naver cookie sessions per account in DynamoDB. Every change is conditional on the version read, so
 * concurrent fetchers never overwrite each other's renewal.
 */
public final class SessionStore {
    private final DynamoDbClient dynamo;
    private final String table;

    public SessionStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    public Optional<NaverSession> find(String accountId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("accountId", s(accountId)))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new NaverSession(accountId, str(item, "nidAut"), str(item, "nidSes"),
                SessionStatus.valueOf(str(item, "status")),
                item.containsKey("validatedAt") ? Instant.parse(str(item, "validatedAt")) : Instant.EPOCH,
                Long.parseLong(item.get("version").n())));
    }

    /** Marks the session expired unless someone already replaced it; returns whether this call did. */
    public boolean markExpired(NaverSession seen, Instant at) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(Map.of("accountId", s(seen.accountId())))
                    .updateExpression("SET #st = :expired, expiredAt = :at, version = :next")
                    .conditionExpression("version = :seen")
                    .expressionAttributeNames(Map.of("#st", "status"))
                    .expressionAttributeValues(Map.of(":expired", s(SessionStatus.EXPIRED.name()), ":at", s(at.toString()),
                            ":next", n(seen.version() + 1), ":seen", n(seen.version()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** Records that the cookies answered a bookings query; conditional so a renewal in between wins. */
    public void markValidated(NaverSession seen, Instant at) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(Map.of("accountId", s(seen.accountId())))
                    .updateExpression("SET validatedAt = :at").conditionExpression("version = :seen AND #st = :valid")
                    .expressionAttributeNames(Map.of("#st", "status"))
                    .expressionAttributeValues(Map.of(":at", s(at.toString()), ":seen", n(seen.version()),
                            ":valid", s(SessionStatus.VALID.name()))));
        } catch (ConditionalCheckFailedException e) {
            // Renewed or expired meanwhile: the newer state stands.
        }
    }

    /**
     * Stores fresh cookies if the stored version is still {@code expectedVersion} (0 = no item yet).
     * Returns false when another renewal got there first.
     */
    public boolean replace(String accountId, String nidAut, String nidSes, long expectedVersion, Instant at) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("accountId", s(accountId));
        item.put("nidAut", s(nidAut));
        item.put("nidSes", s(nidSes));
        item.put("status", s(SessionStatus.VALID.name()));
        item.put("validatedAt", s(at.toString()));
        item.put("version", n(expectedVersion + 1));
        try {
            dynamo.putItem(b -> {
                b.tableName(table).item(item);
                if (expectedVersion == 0) {
                    b.conditionExpression("attribute_not_exists(accountId)");
                } else {
                    b.conditionExpression("version = :v").expressionAttributeValues(Map.of(":v", n(expectedVersion)));
                }
            });
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    private static AttributeValue n(long v) {
        return AttributeValue.fromN(Long.toString(v));
    }

    private static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s();
    }
}
