package dev.placenotify.sender;

import dev.placenotify.model.MessageCodec;
import dev.placenotify.model.OutcomeStatus;
import dev.placenotify.model.SmsJob;
import dev.placenotify.model.items.IdempotencyRecord;
import dev.placenotify.model.items.IdempotencyRecord.State;
import dev.placenotify.shell.IdempotencyItem;
import dev.placenotify.model.items.IdempotencyTableLayout;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Idempotency on single-item conditional writes (the model of Powertools' idempotency utility, which
 * is not available here, and without transactions, which dynalite lacks).
 */
public final class IdempotencyStore {
    private static final int BATCH_WRITE = 25;

    private final DynamoDbClient dynamo;
    private final String table;
    private final Duration ttl;

    public IdempotencyStore(DynamoDbClient dynamo, String table, Duration ttl) {
        this.dynamo = dynamo;
        this.table = table;
        this.ttl = ttl;
    }

    /** What identifies a job's payload: the same key with another payload is refused. */
    public static String payloadHash(SmsJob job) {
        String canonical = String.join("\u0001", job.recipient(), job.from(), job.type().name(),
                job.contentType().name(), job.subject() == null ? "" : job.subject(), job.content());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public ClaimResult claim(String key, SmsJob job, Instant now, Instant claimUntil) {
        String hash = payloadHash(job);
        Map<String, AttributeValue> item = claimItem(key, job, hash, claimUntil);
        item.put(IdempotencyTableLayout.EXPIRES_AT, n(now.plus(ttl).getEpochSecond()));
        try {
            dynamo.putItem(b -> b.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(#k) OR (#st = :inprog AND claimExpiresAt < :now AND payloadHash = :h)")
                    .expressionAttributeNames(Map.of("#k", IdempotencyTableLayout.KEY, "#st", IdempotencyTableLayout.STATE))
                    .expressionAttributeValues(Map.of(":inprog", s(State.IN_PROGRESS.name()),
                            ":now", n(now.toEpochMilli()), ":h", s(hash))));
            return new ClaimResult.Claimed();
        } catch (ConditionalCheckFailedException e) {
            IdempotencyRecord existing = find(key).orElse(null);
            if (existing == null) {
                // Released between our write and read: the next delivery will claim it.
                return new ClaimResult.Busy(null);
            }
            if (!existing.payloadHash().equals(hash)) {
                return new ClaimResult.PayloadMismatch(existing);
            }
            if (existing.abandonedWhileSending(now)) {
                if (recordAbandoned(existing, now)) {
                    return new ClaimResult.Abandoned(existing);
                }
                // Another sender recorded it first (or it changed): go by what is there now.
                IdempotencyRecord current = find(key).orElse(null);
                return current != null && current.settled() ? new ClaimResult.Settled(current) : new ClaimResult.Busy(current);
            }
            return existing.settled() ? new ClaimResult.Settled(existing) : new ClaimResult.Busy(existing);
        }
    }

    /**
     * Settles a SENDING claim whose sender is gone as UNKNOWN, if it is still the claim that was read:
     * its request may have reached SENS, so nothing may send the key again by itself.
     */
    private boolean recordAbandoned(IdempotencyRecord seen, Instant now) {
        String reason = "a sender stopped after its SENS request may have left (marked sending at " + seen.sendingAt()
                + ") and before SENS's answer was recorded: not sent again automatically";
        try {
            dynamo.updateItem(b -> b.tableName(table).key(Map.of(IdempotencyTableLayout.KEY, s(seen.key())))
                    .updateExpression("SET #st = :done, outcome = :unknown, #err = :reason, completedAt = :at, expiresAt = :ttl")
                    .conditionExpression("#st = :sending AND claimExpiresAt = :seen")
                    .expressionAttributeNames(Map.of("#st", IdempotencyTableLayout.STATE, "#err", IdempotencyTableLayout.ERROR))
                    .expressionAttributeValues(Map.of(":done", s(State.COMPLETED.name()), ":unknown", s(OutcomeStatus.UNKNOWN.name()),
                            ":reason", s(reason), ":at", s(now.toString()), ":ttl", n(now.plus(ttl).getEpochSecond()),
                            ":sending", s(State.SENDING.name()), ":seen", n(seen.claimExpiresAt().toEpochMilli()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** A claim this sender holds and is about to send: see {@link #markSending}. */
    public record Sending(String key, SmsJob job, Instant claimExpiresAt) {}

    /**
     * Marks claims SENDING (with the time) before their SENS request is written, 25 to a BatchWriteItem:
     * from then on an expired claim means "may have been sent", never "free". Returns the keys now
     * marked; only those may be sent (a key DynamoDB left unprocessed is not). Unconditional writes
     * are safe for the same reason as {@link #completeAll}: the claims are ours until they expire, and
     * no mark starts unless the call it precedes ends before then.
     */
    public Set<String> markSending(List<Sending> claims, Instant at) {
        Set<String> marked = new HashSet<>();
        for (int i = 0; i < claims.size(); i += BATCH_WRITE) {
            List<Sending> chunk = claims.subList(i, Math.min(claims.size(), i + BATCH_WRITE));
            List<WriteRequest> pending = new ArrayList<>();
            for (Sending c : chunk) {
                Map<String, AttributeValue> item = claimItem(c.key(), c.job(), payloadHash(c.job()), c.claimExpiresAt());
                item.put(IdempotencyTableLayout.STATE, s(State.SENDING.name()));
                item.put(IdempotencyTableLayout.SENDING_AT, s(at.toString()));
                item.put(IdempotencyTableLayout.EXPIRES_AT, n(at.plus(ttl).getEpochSecond()));
                pending.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
            }
            for (int attempt = 0; attempt < 2 && !pending.isEmpty(); attempt++) {
                if (attempt > 0) {
                    pause(Duration.ofMillis(25));
                }
                List<WriteRequest> toWrite = pending;
                var response = dynamo.batchWriteItem(b -> b.requestItems(Map.of(table, toWrite)));
                pending = response.hasUnprocessedItems() ? response.unprocessedItems().getOrDefault(table, List.of()) : List.of();
            }
            Set<String> left = new HashSet<>();
            pending.forEach(w -> left.add(w.putRequest().item().get(IdempotencyTableLayout.KEY).s()));
            chunk.stream().map(Sending::key).filter(k -> !left.contains(k)).forEach(marked::add);
        }
        return marked;
    }

    private static Map<String, AttributeValue> claimItem(String key, SmsJob job, String hash, Instant claimUntil) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(IdempotencyTableLayout.KEY, s(key));
        item.put(IdempotencyTableLayout.STATE, s(State.IN_PROGRESS.name()));
        item.put(IdempotencyTableLayout.PAYLOAD_HASH, s(hash));
        item.put(IdempotencyTableLayout.CLAIM_EXPIRES_AT, n(claimUntil.toEpochMilli()));
        item.put(IdempotencyTableLayout.RUN_ID, s(job.runId()));
        item.put(IdempotencyTableLayout.STORE_ID, s(job.storeId()));
        item.put(IdempotencyTableLayout.RULE, s(job.rule()));
        item.put(IdempotencyTableLayout.JOB, s(MessageCodec.encode(job)));
        item.putAll(dev.placenotify.shell.HistoryKeys.attributes(job)); // ./operator history's index keys
        return item;
    }

    /** The final outcome of a claim this sender holds, for {@link #completeAll}. */
    public record Completion(String key, SmsJob job, Instant claimExpiresAt, OutcomeStatus outcome,
                             String providerRequestId, String error) {}

    /**
     * Records final outcomes of claims this sender holds, 25 to a BatchWriteItem: each item is
     * rewritten whole (the claim's attributes plus the outcome), which is safe because nobody else can
     * hold the key while our claim lives. Items DynamoDB leaves unprocessed are retried, then written
     * one by one.
     */
    public void completeAll(List<Completion> completions, Instant now) {
        completeAll(completions, now, Deadline.in(Duration.ofDays(1)), Duration.ZERO);
    }

    /**
     * As {@link #completeAll(List, Instant)}, but no call starts unless {@code by} allows one more
     * call of {@code callTimeout}: recording must end while the invocation still lives. Throws with
     * the number of outcomes left unrecorded (their records stay SENDING or IN_PROGRESS).
     */
    void completeAll(List<Completion> completions, Instant now, Deadline by, Duration callTimeout) {
        int unrecorded = 0;
        for (int i = 0; i < completions.size(); i += BATCH_WRITE) {
            List<Completion> chunk = completions.subList(i, Math.min(completions.size(), i + BATCH_WRITE));
            List<WriteRequest> pending = new ArrayList<>();
            for (Completion c : chunk) {
                pending.add(WriteRequest.builder().putRequest(PutRequest.builder().item(completedItem(c, now)).build()).build());
            }
            for (int attempt = 0; attempt < 4 && !pending.isEmpty() && by.allows(callTimeout); attempt++) {
                if (attempt > 0) {
                    pause(Duration.ofMillis(25L << attempt));
                }
                List<WriteRequest> toWrite = pending;
                var response = dynamo.batchWriteItem(b -> b.requestItems(Map.of(table, toWrite)));
                pending = response.hasUnprocessedItems() ? response.unprocessedItems().getOrDefault(table, List.of()) : List.of();
            }
            List<WriteRequest> left = new ArrayList<>(pending);
            for (WriteRequest w : pending) {
                if (by.allows(callTimeout)) {
                    dynamo.putItem(b -> b.tableName(table).item(w.putRequest().item()));
                    left.remove(w);
                }
            }
            unrecorded += left.size();
        }
        if (unrecorded > 0) {
            throw new IllegalStateException(unrecorded + " outcomes not recorded: no time left in this invocation");
        }
    }

    private Map<String, AttributeValue> completedItem(Completion c, Instant now) {
        Map<String, AttributeValue> item = claimItem(c.key(), c.job(), payloadHash(c.job()), c.claimExpiresAt());
        item.put(IdempotencyTableLayout.STATE, s(State.COMPLETED.name()));
        item.put(IdempotencyTableLayout.OUTCOME, s(c.outcome().name()));
        item.put(IdempotencyTableLayout.COMPLETED_AT, s(now.toString()));
        item.put(IdempotencyTableLayout.EXPIRES_AT, n(now.plus(ttl).getEpochSecond()));
        if (c.providerRequestId() != null) {
            item.put(IdempotencyTableLayout.PROVIDER_REQUEST_ID, s(c.providerRequestId()));
        }
        if (c.error() != null) {
            item.put(IdempotencyTableLayout.ERROR, s(c.error()));
        }
        return item;
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Gives a claim back, SENDING included, after SENS proved it did not act (429, 503, no connection)
     * or before any request: a redelivery may send.
     */
    public void release(String key) {
        try {
            dynamo.deleteItem(b -> b.tableName(table).key(Map.of(IdempotencyTableLayout.KEY, s(key)))
                    .conditionExpression("#st IN (:inprog, :sending)").expressionAttributeNames(Map.of("#st", IdempotencyTableLayout.STATE))
                    .expressionAttributeValues(Map.of(":inprog", s(State.IN_PROGRESS.name()), ":sending", s(State.SENDING.name()))));
        } catch (ConditionalCheckFailedException e) {
            // Already completed by someone: nothing to give back.
        }
    }

    public Optional<IdempotencyRecord> find(String key) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of(IdempotencyTableLayout.KEY, s(key)))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(toRecord(item));
    }

    static IdempotencyRecord toRecord(Map<String, AttributeValue> item) {
        return IdempotencyItem.record(item);
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    private static AttributeValue n(long v) {
        return AttributeValue.fromN(Long.toString(v));
    }
}
