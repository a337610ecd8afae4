package dev.placenotify.operator.session;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import dev.placenotify.session.SessionStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The sessions table as the operator sees it: reads for {@code status} and {@code session check}, writes through
 * the contract every stage shares ({@link SessionStore}, shared-model; the item layout is documented there).
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
                    .projectionExpression("accountId, #st, validatedAt, version, expiredAt, renewalLeaseUntil, loginBlocked,"
                            + " importedBy, renewedBy, loginFailures, loginNotBefore, lastLoginError")
                    .expressionAttributeNames(Map.of("#st", "status")));
            page.items().forEach(i -> views.add(view(i)));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        views.sort(Comparator.comparing(SessionView::accountId));
        return views;
    }

    /**
     * Stores an operator's cookies as a valid session through the shared contract
     * ({@link SessionStore#importCookies}): conditional on the version read, clearing an expiry, a renewal claim,
     * a login block and the back-off. Returns the new version, or empty when the item changed since it was read.
     */
    public Optional<Long> importCookies(String accountId, CookiePair cookies, Optional<Long> expectedVersion, Instant at,
                                        String who) {
        return new SessionStore(dynamo, table).importCookies(accountId, cookies.nidAut(), cookies.nidSes(),
                expectedVersion, at, who);
    }

    private static SessionView view(Map<String, AttributeValue> item) {
        AttributeValue version = item.get("version");
        AttributeValue lease = item.get("renewalLeaseUntil");
        AttributeValue failures = item.get("loginFailures");
        AttributeValue notBefore = item.get("loginNotBefore");
        return new SessionView(str(item, "accountId"), str(item, "status"), str(item, "validatedAt"),
                version == null ? 0 : Long.parseLong(version.n()), str(item, "expiredAt"),
                lease == null ? null : Long.parseLong(lease.n()), str(item, "loginBlocked"), str(item, "importedBy"),
                str(item, "renewedBy"), failures == null ? 0 : Integer.parseInt(failures.n()),
                notBefore == null || Long.parseLong(notBefore.n()) == 0 ? null : Long.parseLong(notBefore.n()),
                str(item, "lastLoginError"));
    }

    private static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s();
    }
}
