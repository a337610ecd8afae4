package dev.placenotify.fetcher;

import dev.placenotify.fetcher.NaverSession.SessionStatus;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Naver cookie sessions per account in DynamoDB, one item per account:
 * {@code accountId, nidAut, nidSes, status (VALID|EXPIRED), validatedAt (ISO instant), version (number)},
 * plus {@code expiredAt}, {@code renewalOwner}/{@code renewalLeaseUntil} (epoch ms) while an automated
 * login runs, and {@code loginBlocked}/{@code loginBlockedAt} once automated login needs a human.
 *
 * <p>Every change but an operator import is conditional on the version read and increments it, so
 * concurrent fetchers never overwrite each other: exactly one wins a renewal claim, the others re-read.
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
                .key(key(accountId))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        String status = str(item, "status");
        return Optional.of(new NaverSession(accountId, str(item, "nidAut"), str(item, "nidSes"),
                status == null ? SessionStatus.EXPIRED : SessionStatus.valueOf(status),
                item.containsKey("validatedAt") ? Instant.parse(str(item, "validatedAt")) : Instant.EPOCH,
                item.containsKey("version") ? Long.parseLong(item.get("version").n()) : 0L,
                item.containsKey("renewalLeaseUntil")
                        ? Instant.ofEpochMilli(Long.parseLong(item.get("renewalLeaseUntil").n())) : null,
                str(item, "loginBlocked")));
    }

    /** Marks the session expired unless someone already replaced it; returns whether this call did. */
    public boolean markExpired(NaverSession seen, Instant at) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(seen.accountId()))
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
     * Claims the right to renew an expired session by automated login: succeeds for exactly one caller
     * among those that read the same version, and only while no unexpired lease is held and login is not
     * blocked. {@code seen} empty means no item exists yet. Returns the version the claim wrote.
     */
    public OptionalLong claimRenewal(String accountId, Optional<NaverSession> seen, String owner, Instant now,
                                     Instant leaseUntil) {
        try {
            if (seen.isEmpty()) {
                Map<String, AttributeValue> item = new HashMap<>(key(accountId));
                item.put("status", s(SessionStatus.EXPIRED.name()));
                item.put("version", n(1));
                item.put("renewalOwner", s(owner));
                item.put("renewalLeaseUntil", n(leaseUntil.toEpochMilli()));
                dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(accountId)"));
                return OptionalLong.of(1);
            }
            long next = seen.get().version() + 1;
            dynamo.updateItem(b -> b.tableName(table).key(key(accountId))
                    .updateExpression("SET renewalOwner = :owner, renewalLeaseUntil = :until, version = :next")
                    .conditionExpression("version = :seen AND #st = :expired AND attribute_not_exists(loginBlocked)"
                            + " AND (attribute_not_exists(renewalLeaseUntil) OR renewalLeaseUntil < :now)")
                    .expressionAttributeNames(Map.of("#st", "status"))
                    .expressionAttributeValues(Map.of(":owner", s(owner), ":until", n(leaseUntil.toEpochMilli()),
                            ":next", n(next), ":seen", n(seen.get().version()),
                            ":expired", s(SessionStatus.EXPIRED.name()), ":now", n(now.toEpochMilli()))));
            return OptionalLong.of(next);
        } catch (ConditionalCheckFailedException lost) {
            return OptionalLong.empty();
        }
    }

    /**
     * Stores fresh cookies if the stored version is still {@code expectedVersion} (0 = no item yet).
     * Returns false when another renewal or an operator import got there first.
     */
    public boolean replace(String accountId, String nidAut, String nidSes, long expectedVersion, Instant at) {
        Map<String, AttributeValue> item = new HashMap<>(key(accountId));
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

    /** Ends a renewal claim for good: automated login needs a human, so no fetcher tries again. */
    public boolean blockLogin(String accountId, long claimedVersion, String reason, Instant at) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(accountId))
                    .updateExpression("SET loginBlocked = :why, loginBlockedAt = :at, version = :next"
                            + " REMOVE renewalOwner, renewalLeaseUntil")
                    .conditionExpression("version = :claimed")
                    .expressionAttributeValues(Map.of(":why", s(reason), ":at", s(at.toString()),
                            ":next", n(claimedVersion + 1), ":claimed", n(claimedVersion))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** Gives a renewal claim back after a transient failure, so the next delivery may try again. */
    public boolean releaseClaim(String accountId, long claimedVersion) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(accountId))
                    .updateExpression("SET version = :next REMOVE renewalOwner, renewalLeaseUntil")
                    .conditionExpression("version = :claimed")
                    .expressionAttributeValues(Map.of(":next", n(claimedVersion + 1), ":claimed", n(claimedVersion))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /**
     * An operator's import of fresh cookies (what the operator CLI's {@code session import} must write):
     * unconditional, because a human's cookies always win, but it increments the version so a renewal
     * in flight loses its conditional write instead of overwriting them; it clears an expiry, a lease
     * and a login block.
     */
    public void importCookies(String accountId, String nidAut, String nidSes, Instant at) {
        dynamo.updateItem(b -> b.tableName(table).key(key(accountId))
                .updateExpression("SET nidAut = :aut, nidSes = :ses, #st = :valid, validatedAt = :at"
                        + " REMOVE expiredAt, renewalOwner, renewalLeaseUntil, loginBlocked, loginBlockedAt"
                        + " ADD version :one")
                .expressionAttributeNames(Map.of("#st", "status"))
                .expressionAttributeValues(Map.of(":aut", s(nidAut), ":ses", s(nidSes),
                        ":valid", s(SessionStatus.VALID.name()), ":at", s(at.toString()), ":one", n(1))));
    }

    private static Map<String, AttributeValue> key(String accountId) {
        return Map.of("accountId", s(accountId));
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
