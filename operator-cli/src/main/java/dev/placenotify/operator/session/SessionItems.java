package dev.placenotify.operator.session;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import dev.placenotify.model.items.SessionsTableLayout;
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
                .key(Map.of(SessionsTableLayout.ACCOUNT_ID, AttributeValue.fromS(accountId)))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        String aut = str(item, SessionsTableLayout.NID_AUT);
        String ses = str(item, SessionsTableLayout.NID_SES);
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
                    .projectionExpression(String.join(", ", SessionsTableLayout.ACCOUNT_ID, "#st", SessionsTableLayout.VALIDATED_AT, SessionsTableLayout.VERSION,
                            SessionsTableLayout.EXPIRED_AT, SessionsTableLayout.RENEWAL_LEASE_UNTIL, SessionsTableLayout.LOGIN_BLOCKED, SessionsTableLayout.IMPORTED_BY, SessionsTableLayout.RENEWED_BY,
                            SessionsTableLayout.LOGIN_FAILURES, SessionsTableLayout.LOGIN_NOT_BEFORE, SessionsTableLayout.LAST_LOGIN_ERROR))
                    .expressionAttributeNames(Map.of("#st", SessionsTableLayout.STATUS)));
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
        AttributeValue version = item.get(SessionsTableLayout.VERSION);
        AttributeValue lease = item.get(SessionsTableLayout.RENEWAL_LEASE_UNTIL);
        AttributeValue failures = item.get(SessionsTableLayout.LOGIN_FAILURES);
        AttributeValue notBefore = item.get(SessionsTableLayout.LOGIN_NOT_BEFORE);
        return new SessionView(str(item, SessionsTableLayout.ACCOUNT_ID), str(item, SessionsTableLayout.STATUS), str(item, SessionsTableLayout.VALIDATED_AT),
                version == null ? 0 : Long.parseLong(version.n()), str(item, SessionsTableLayout.EXPIRED_AT),
                lease == null ? null : Long.parseLong(lease.n()), str(item, SessionsTableLayout.LOGIN_BLOCKED), str(item, SessionsTableLayout.IMPORTED_BY),
                str(item, SessionsTableLayout.RENEWED_BY), failures == null ? 0 : Integer.parseInt(failures.n()),
                notBefore == null || Long.parseLong(notBefore.n()) == 0 ? null : Long.parseLong(notBefore.n()),
                str(item, SessionsTableLayout.LAST_LOGIN_ERROR));
    }

    private static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s();
    }
}
