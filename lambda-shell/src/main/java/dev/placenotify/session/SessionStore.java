package dev.placenotify.session;

import dev.placenotify.model.items.SessionsTableLayout;
import dev.placenotify.session.NaverSession.SessionStatus;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The sessions table's contract, shared by the fetcher, the session-renewal function and the operator CLI:
 * one item per Naver account (key {@code accountId}; the names in {@link SessionsTableLayout}).
 *
 * <table>
 *   <tr><td>{@code nidAut}, {@code nidSes}</td><td>the cookies</td></tr>
 *   <tr><td>{@code status}</td><td>{@code VALID} or {@code EXPIRED}</td></tr>
 *   <tr><td>{@code validatedAt}</td><td>ISO instant the cookies last worked (or were stored)</td></tr>
 *   <tr><td>{@code version}</td><td>N, incremented by every write, every write conditional on it</td></tr>
 *   <tr><td>{@code expiredAt}</td><td>when a fetcher found the login gone</td></tr>
 *   <tr><td>{@code renewalOwner}, {@code renewalLeaseUntil}</td><td>a login in progress (lease in epoch ms)</td></tr>
 *   <tr><td>{@code loginBlocked}, {@code loginBlockedAt}</td><td>why automated login needs a human</td></tr>
 *   <tr><td>{@code loginAttempts} (list of epoch ms), {@code loginFailures}, {@code loginNotBefore}, {@code lastLoginError}</td>
 *       <td>the login attempts of the last hour (the budget), transient failures in a row, the back-off (epoch ms) and the last failure</td></tr>
 *   <tr><td>{@code importedBy}, {@code importedAt}, {@code renewedBy}</td><td>who stored the cookies</td></tr>
 * </table>
 *
 * <p>Every write is conditional on the version read and increments it, so concurrent writers never overwrite
 * each other: of several renewers that read one version exactly one claim succeeds, and an operator's import
 * makes a login in flight lose its final write instead of overwriting the operator's cookies.
 */
public final class SessionStore {
    private final DynamoDbClient dynamo;
    private final String table;

    public SessionStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    public String table() {
        return table;
    }

    public Optional<NaverSession> find(String accountId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(key(accountId))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(read(item));
    }

    /** The item as a session; attributes an older writer left out read as their defaults. */
    public static NaverSession read(Map<String, AttributeValue> item) {
        String status = str(item, SessionsTableLayout.STATUS);
        return new NaverSession(str(item, SessionsTableLayout.ACCOUNT_ID), str(item, SessionsTableLayout.NID_AUT), str(item, SessionsTableLayout.NID_SES),
                status == null ? SessionStatus.EXPIRED : SessionStatus.valueOf(status),
                item.containsKey(SessionsTableLayout.VALIDATED_AT) ? Instant.parse(str(item, SessionsTableLayout.VALIDATED_AT)) : Instant.EPOCH,
                num(item, SessionsTableLayout.VERSION).orElse(0L),
                num(item, SessionsTableLayout.RENEWAL_LEASE_UNTIL).map(Instant::ofEpochMilli).orElse(null),
                str(item, SessionsTableLayout.LOGIN_BLOCKED),
                new LoginAttempts(instants(item, SessionsTableLayout.LOGIN_ATTEMPTS), num(item, SessionsTableLayout.LOGIN_FAILURES).orElse(0L).intValue(),
                        instant(item, SessionsTableLayout.LOGIN_NOT_BEFORE)));
    }

    /** Marks the session expired unless someone already changed it; returns whether this call did. */
    public boolean markExpired(NaverSession seen, Instant at) {
        return update(seen.accountId(), "SET #st = :expired, expiredAt = :at, version = :next", seen.version(),
                Map.of(":expired", s(SessionStatus.EXPIRED.name()), ":at", s(at.toString())));
    }

    /** Records that the cookies answered a bookings query; a renewal or expiry in between wins. */
    public void markValidated(NaverSession seen, Instant at) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(seen.accountId()))
                    .updateExpression("SET validatedAt = :at").conditionExpression("version = :seen AND #st = :valid")
                    .expressionAttributeNames(Map.of("#st", "status"))
                    .expressionAttributeValues(Map.of(":at", s(at.toString()), ":seen", n(seen.version()),
                            ":valid", s(SessionStatus.VALID.name()))));
        } catch (ConditionalCheckFailedException e) {
            // Renewed or expired meanwhile: the newer state stands.
        }
    }

    /**
     * Claims the right to log in: writes the owner, the lease and the counted attempt, conditional on the
     * version read ({@code seen} empty: no item yet). Exactly one of several callers that read one version wins.
     * Returns the version the claim wrote.
     */
    public OptionalLong claimRenewal(String accountId, Optional<NaverSession> seen, String owner, Instant leaseUntil,
                                     LoginAttempts counted) {
        try {
            if (seen.isEmpty()) {
                Map<String, AttributeValue> item = new HashMap<>(key(accountId));
                item.put(SessionsTableLayout.STATUS, s(SessionStatus.EXPIRED.name()));
                item.put(SessionsTableLayout.VERSION, n(1));
                item.put(SessionsTableLayout.RENEWAL_OWNER, s(owner));
                item.put(SessionsTableLayout.RENEWAL_LEASE_UNTIL, n(leaseUntil.toEpochMilli()));
                item.putAll(attempts(counted));
                dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(accountId)"));
                return OptionalLong.of(1);
            }
            Map<String, AttributeValue> values = new HashMap<>(attemptValues(counted));
            values.put(":owner", s(owner));
            values.put(":until", n(leaseUntil.toEpochMilli()));
            long seenVersion = seen.get().version();
            boolean won = update(accountId, "SET renewalOwner = :owner, renewalLeaseUntil = :until, version = :next, "
                    + ATTEMPTS_SET, seenVersion, values);
            return won ? OptionalLong.of(seenVersion + 1) : OptionalLong.empty();
        } catch (ConditionalCheckFailedException lost) {
            return OptionalLong.empty();
        }
    }

    /** Stores the cookies a login produced, if the item is still at the claimed version. */
    public boolean storeRenewed(String accountId, String nidAut, String nidSes, long claimedVersion, Instant at,
                                String renewedBy, LoginAttempts after) {
        Map<String, AttributeValue> values = new HashMap<>(attemptValues(after));
        values.put(":aut", s(nidAut));
        values.put(":ses", s(nidSes));
        values.put(":valid", s(SessionStatus.VALID.name()));
        values.put(":at", s(at.toString()));
        values.put(":by", s(renewedBy));
        return update(accountId, "SET nidAut = :aut, nidSes = :ses, #st = :valid, validatedAt = :at, renewedBy = :by,"
                + " version = :next, " + ATTEMPTS_SET + " REMOVE expiredAt, renewalOwner, renewalLeaseUntil, lastLoginError",
                claimedVersion, values);
    }

    /** Ends a claim for good: automated login needs a human, so no renewer tries again until one acts. */
    public boolean blockLogin(String accountId, long claimedVersion, String reason, Instant at) {
        return update(accountId, "SET loginBlocked = :why, loginBlockedAt = :at, version = :next"
                + " REMOVE renewalOwner, renewalLeaseUntil", claimedVersion,
                Map.of(":why", s(reason), ":at", s(at.toString())));
    }

    /** Gives a claim back after a transient failure, recording the back-off the next attempt must respect. */
    public boolean releaseClaim(String accountId, long claimedVersion, LoginAttempts after, String error) {
        Map<String, AttributeValue> values = new HashMap<>(attemptValues(after));
        values.put(":err", s(error));
        return update(accountId, "SET version = :next, lastLoginError = :err, " + ATTEMPTS_SET
                + " REMOVE renewalOwner, renewalLeaseUntil", claimedVersion, values);
    }

    /**
     * An operator's cookies (operator CLI {@code session import}), conditional on the version read
     * ({@code expectedVersion} empty: no item yet; 0: an item written without a version) and writing version + 1,
     * so a login in flight loses its own write instead of overwriting them. Clears an expiry, a claim, a login
     * block and the back-off: automated login resumes. Returns the new version, or empty when the item changed.
     */
    public Optional<Long> importCookies(String accountId, String nidAut, String nidSes, Optional<Long> expectedVersion,
                                        Instant at, String who) {
        long next = expectedVersion.orElse(0L) + 1;
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":aut", s(nidAut));
        values.put(":ses", s(nidSes));
        values.put(":valid", s(SessionStatus.VALID.name()));
        values.put(":at", s(at.toString()));
        values.put(":who", s(who));
        values.put(":next", n(next));
        values.put(":zero", n(0));
        expectedVersion.filter(v -> v > 0).ifPresent(v -> values.put(":seen", n(v)));
        String condition = expectedVersion.isEmpty() ? "attribute_not_exists(accountId)"
                // An item written without a version (by hand, or by an older tool) reads as version 0.
                : expectedVersion.get() == 0 ? "attribute_exists(accountId) AND attribute_not_exists(version)"
                : "version = :seen";
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(accountId))
                    .updateExpression("SET nidAut = :aut, nidSes = :ses, #st = :valid, validatedAt = :at, version = :next,"
                            + " importedBy = :who, importedAt = :at, loginFailures = :zero"
                            + " REMOVE expiredAt, renewalOwner, renewalLeaseUntil, loginBlocked, loginBlockedAt,"
                            + " loginNotBefore, lastLoginError")
                    .conditionExpression(condition)
                    .expressionAttributeNames(Map.of("#st", "status"))
                    .expressionAttributeValues(values));
            return Optional.of(next);
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }

    /**
     * Lets automated login try again after a human fixed its cause (a new password in the secret, a device
     * approved): clears the block and the back-off, conditional on the version read. The hourly budget stays.
     */
    public boolean clearBlock(NaverSession seen, Instant at, String who) {
        return update(seen.accountId(), "SET loginFailures = :zero, unblockedBy = :who, unblockedAt = :at, version = :next"
                        + " REMOVE loginBlocked, loginBlockedAt, loginNotBefore", seen.version(),
                Map.of(":zero", n(0), ":who", s(who), ":at", s(at.toString())));
    }

    private static final String ATTEMPTS_SET = "loginAttempts = :attempts, loginFailures = :fails, loginNotBefore = :notBefore";

    private static Map<String, AttributeValue> attemptValues(LoginAttempts a) {
        Map<String, AttributeValue> v = new HashMap<>();
        v.put(":attempts", AttributeValue.fromL(a.recent().stream().map(t -> n(t.toEpochMilli())).toList()));
        v.put(":fails", n(a.failuresInRow()));
        v.put(":notBefore", n(a.notBefore() == null ? 0 : a.notBefore().toEpochMilli()));
        return v;
    }

    private static Map<String, AttributeValue> attempts(LoginAttempts a) {
        Map<String, AttributeValue> item = new HashMap<>();
        attemptValues(a).forEach((k, v) -> item.put(switch (k) {
            case ":attempts" -> "loginAttempts";
            case ":fails" -> "loginFailures";
            default -> "loginNotBefore";
        }, v));
        return item;
    }

    /** {@code UPDATE … IF version = expected}, adding {@code :next} = expected + 1; false when the item changed. */
    private boolean update(String accountId, String expression, long expectedVersion, Map<String, AttributeValue> values) {
        Map<String, AttributeValue> all = new HashMap<>(values);
        all.put(":seenVersion", n(expectedVersion));
        all.put(":next", n(expectedVersion + 1));
        Map<String, String> names = expression.contains("#st") ? Map.of("#st", "status") : null;
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(accountId)).updateExpression(expression)
                    .conditionExpression("version = :seenVersion")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(all));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static Map<String, AttributeValue> key(String accountId) {
        return Map.of(SessionsTableLayout.ACCOUNT_ID, s(accountId));
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

    /** Epoch ms; 0 (written when there is none) reads as none. */
    private static Instant instant(Map<String, AttributeValue> item, String name) {
        return num(item, name).filter(ms -> ms > 0).map(Instant::ofEpochMilli).orElse(null);
    }

    private static java.util.List<Instant> instants(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || !v.hasL() ? java.util.List.of()
                : v.l().stream().map(e -> Instant.ofEpochMilli(Long.parseLong(e.n()))).toList();
    }

    private static Optional<Long> num(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || v.n() == null ? Optional.empty() : Optional.of(Long.parseLong(v.n()));
    }
}
