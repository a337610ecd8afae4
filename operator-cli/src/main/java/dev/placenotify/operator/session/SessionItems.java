package dev.placenotify.operator.session;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The sessions table as the fetcher defines it (pk {@code accountId}; {@code nidAut}, {@code nidSes},
 * {@code status} VALID|EXPIRED, {@code validatedAt} ISO, {@code version} N; while renewing by automated
 * login also {@code renewalOwner}/{@code renewalLeaseUntil}, and {@code loginBlocked} once a human is needed).
 */
public final class SessionItems {
    private final DynamoDbClient dynamo;
    private final String table;

    public SessionItems(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** The stored session with its cookies, for {@code session check}. */
    public record Stored(SessionView view, Optional<CookiePair> cookies) {}

    public Optional<Stored> find(String accountId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("accountId", AttributeValue.fromS(accountId)))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        String aut = str(item, "nidAut");
        String ses = str(item, "nidSes");
        Optional<CookiePair> cookies = aut == null || ses == null || aut.isBlank() || ses.isBlank()
                ? Optional.empty() : Optional.of(new CookiePair(aut, ses));
        return Optional.of(new Stored(view(item), cookies));
    }

    /** Every account's session, without cookies. */
    public List<SessionView> all() {
        List<SessionView> views = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            var page = dynamo.scan(b -> b.tableName(table).exclusiveStartKey(from)
                    .projectionExpression("accountId, #st, validatedAt, version, expiredAt, renewalLeaseUntil, loginBlocked, importedBy")
                    .expressionAttributeNames(Map.of("#st", "status")));
            page.items().forEach(i -> views.add(view(i)));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        views.sort(Comparator.comparing(SessionView::accountId));
        return views;
    }

    /**
     * Stores an operator's cookies as a valid session, conditional on the version read ({@code expectedVersion}
     * empty = no item yet) and writing version + 1, so a fetcher's renewal in flight loses its own conditional
     * write instead of overwriting the operator's cookies. Clears an expiry, a renewal lease and a login
     * block. Returns the new version, or empty when the item changed since it was read.
     */
    public Optional<Long> importCookies(String accountId, CookiePair cookies, Optional<Long> expectedVersion, Instant at,
                                        String who) {
        long next = expectedVersion.orElse(0L) + 1;
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":aut", AttributeValue.fromS(cookies.nidAut()));
        values.put(":ses", AttributeValue.fromS(cookies.nidSes()));
        values.put(":valid", AttributeValue.fromS("VALID"));
        values.put(":at", AttributeValue.fromS(at.toString()));
        values.put(":who", AttributeValue.fromS(who));
        values.put(":next", AttributeValue.fromN(Long.toString(next)));
        expectedVersion.filter(v -> v > 0).ifPresent(v -> values.put(":seen", AttributeValue.fromN(Long.toString(v))));
        try {
            dynamo.updateItem(b -> b.tableName(table).key(Map.of("accountId", AttributeValue.fromS(accountId)))
                    .updateExpression("SET nidAut = :aut, nidSes = :ses, #st = :valid, validatedAt = :at, version = :next,"
                            + " importedBy = :who, importedAt = :at"
                            + " REMOVE expiredAt, renewalOwner, renewalLeaseUntil, loginBlocked, loginBlockedAt")
                    .conditionExpression(condition(expectedVersion))
                    .expressionAttributeNames(Map.of("#st", "status"))
                    .expressionAttributeValues(values));
            return Optional.of(next);
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }

    private static String condition(Optional<Long> expectedVersion) {
        if (expectedVersion.isEmpty()) {
            return "attribute_not_exists(accountId)";
        }
        // An item written without a version (by hand, or by an older tool) reads as version 0.
        return expectedVersion.get() == 0 ? "attribute_exists(accountId) AND attribute_not_exists(version)"
                : "version = :seen";
    }

    private static SessionView view(Map<String, AttributeValue> item) {
        AttributeValue version = item.get("version");
        AttributeValue lease = item.get("renewalLeaseUntil");
        return new SessionView(str(item, "accountId"), str(item, "status"), str(item, "validatedAt"),
                version == null ? 0 : Long.parseLong(version.n()), str(item, "expiredAt"),
                lease == null ? null : Long.parseLong(lease.n()), str(item, "loginBlocked"), str(item, "importedBy"));
    }

    private static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s();
    }
}
