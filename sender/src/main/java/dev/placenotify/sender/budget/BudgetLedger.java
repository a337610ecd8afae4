package dev.placenotify.sender.budget;

import dev.placenotify.model.SmsJob;
import dev.placenotify.sender.budget.BudgetCaps.Cap;
import dev.placenotify.sender.budget.BudgetCaps.Scope;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * The run's budget counters, one item per run and one per store within a run, in the idempotency
 * table (keys {@code budget#RUN} and {@code budget#RUN#STORE}), so parallel sender instances count
 * together. Each counter is changed by single-item conditional updates only (no transactions: dynalite
 * has none): a text is counted with its idempotency key in the item's {@code counted} set, and the
 * condition refuses it past the cap, so a redelivered or replayed job already counted is recognised
 * and never counted twice. Keys an operator released ({@code allowed}) pass the cap.
 */
public final class BudgetLedger {
    public static final String PREFIX = "budget#";
    static final String TEXTS = "texts";
    static final String COST = "costKrw";
    static final String COUNTED = "counted";
    static final String HELD = "held";
    static final String ALLOWED = "allowed";
    static final String ALERTED_AT = "alertedAt";
    private static final int MAX_TRIES = 3;

    private final DynamoDbClient dynamo;
    private final String table;
    private final Duration ttl;

    public BudgetLedger(DynamoDbClient dynamo, String table, Duration ttl) {
        this.dynamo = dynamo;
        this.table = table;
        this.ttl = ttl;
    }

    public static String counterKey(String runId, Scope scope, String storeId) {
        return scope == Scope.RUN ? PREFIX + runId : PREFIX + runId + "#" + storeId;
    }

    /** What counting one job against one counter found. */
    public sealed interface Count {
        /** Counted now, or found counted before (a redelivery): it may go. */
        record Admitted(boolean before) implements Count {}

        /** Past the cap: not counted, not to be sent. */
        record Refused(String reason) implements Count {}
    }

    /** Counts {@code job} (costing {@code price}) against the counter {@code key} with {@code cap}. */
    public Count count(String key, SmsJob job, Cap cap, int price, Instant now) {
        if (price > cap.costKrw()) {
            return new Count.Refused(cap.reached(0, cap.costKrw(), price));
        }
        for (int attempt = 0; attempt < MAX_TRIES; attempt++) {
            try {
                dynamo.updateItem(b -> b.tableName(table).key(Map.of("key", s(key)))
                        .updateExpression("ADD #t :one, #c :price, #counted :k SET #exp = if_not_exists(#exp, :exp), "
                                + "runId = :run, itemType = :kind")
                        .conditionExpression("(attribute_not_exists(#t) OR (#t < :cap AND #c <= :room) OR contains(#allowed, :key))"
                                + " AND NOT contains(#counted, :key)")
                        .expressionAttributeNames(Map.of("#t", TEXTS, "#c", COST, "#counted", COUNTED, "#allowed", ALLOWED,
                                "#exp", "expiresAt"))
                        .expressionAttributeValues(Map.of(":one", n(1), ":price", n(price), ":k", ss(job.idempotencyKey()),
                                ":key", s(job.idempotencyKey()), ":cap", n(cap.texts()), ":room", n(cap.costKrw() - price),
                                ":exp", n(now.plus(ttl).getEpochSecond()), ":run", s(job.runId()), ":kind", s("BUDGET"))));
                return new Count.Admitted(false);
            } catch (ConditionalCheckFailedException e) {
                Map<String, AttributeValue> item = read(key);
                if (set(item, COUNTED).contains(job.idempotencyKey())) {
                    return new Count.Admitted(true);
                }
                long texts = number(item, TEXTS);
                long spent = number(item, COST);
                if (!cap.admits(texts, spent, price) && !set(item, ALLOWED).contains(job.idempotencyKey())) {
                    return new Count.Refused(cap.reached(texts, spent, price));
                }
                // The counter moved between the update and the read (another job given back): try again.
            }
        }
        return new Count.Refused("budget counter " + key + " kept changing; held to be safe");
    }

    /** Takes back a count made by {@code count} (the other counter refused the job). */
    public void uncount(String key, SmsJob job, int price) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(Map.of("key", s(key)))
                    .updateExpression("ADD #t :minus, #c :minusPrice DELETE #counted :k")
                    .conditionExpression("contains(#counted, :key)")
                    .expressionAttributeNames(Map.of("#t", TEXTS, "#c", COST, "#counted", COUNTED))
                    .expressionAttributeValues(Map.of(":minus", n(-1), ":minusPrice", n(-price), ":k", ss(job.idempotencyKey()),
                            ":key", s(job.idempotencyKey()))));
        } catch (ConditionalCheckFailedException e) {
            // Not counted there (any more): nothing to take back.
        }
    }

    /** Notes a held job on its counter (for the alert's count and the operator's release); returns how many it holds. */
    public int hold(String key, SmsJob job, Instant now) {
        var answer = dynamo.updateItem(b -> b.tableName(table).key(Map.of("key", s(key)))
                .updateExpression("ADD #held :k SET #exp = if_not_exists(#exp, :exp), runId = :run, itemType = :kind")
                .expressionAttributeNames(Map.of("#held", HELD, "#exp", "expiresAt"))
                .expressionAttributeValues(Map.of(":k", ss(job.idempotencyKey()), ":exp", n(now.plus(ttl).getEpochSecond()),
                        ":run", s(job.runId()), ":kind", s("BUDGET")))
                .returnValues(ReturnValue.ALL_NEW));
        return set(answer.attributes(), HELD).size();
    }

    /** True for exactly one caller per counter: the one that raises the counter's alert. */
    public boolean firstToAlert(String key, Instant now) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(Map.of("key", s(key)))
                    .updateExpression("SET #a = :now").conditionExpression("attribute_not_exists(#a)")
                    .expressionAttributeNames(Map.of("#a", ALERTED_AT)).expressionAttributeValues(Map.of(":now", s(now.toString()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** A counter as stored: texts, estimated cost, the keys held and not released, the keys released. */
    public record Counter(String key, long texts, long costKrw, List<String> held, List<String> allowed, String alertedAt) {}

    public Counter read(String runId, Scope scope, String storeId) {
        String key = counterKey(runId, scope, storeId);
        Map<String, AttributeValue> item = read(key);
        AttributeValue alerted = item.get(ALERTED_AT);
        java.util.Set<String> allowed = set(item, ALLOWED);
        return new Counter(key, number(item, TEXTS), number(item, COST),
                set(item, HELD).stream().filter(k -> !allowed.contains(k)).sorted().toList(),
                allowed.stream().sorted().toList(), alerted == null ? null : alerted.s());
    }

    /**
     * Lets these keys pass the counter's cap from now on (an operator's release). They stay in {@code held} too, so a
     * release that stopped half way (the job not enqueued, its record put back) finds them again.
     */
    public void allow(String key, List<String> jobKeys) {
        if (jobKeys.isEmpty()) {
            return;
        }
        dynamo.updateItem(b -> b.tableName(table).key(Map.of("key", s(key)))
                .updateExpression("ADD #allowed :k")
                .expressionAttributeNames(Map.of("#allowed", ALLOWED))
                .expressionAttributeValues(Map.of(":k", AttributeValue.builder().ss(jobKeys).build())));
    }

    private Map<String, AttributeValue> read(String key) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(Map.of("key", s(key))).consistentRead(true)).item();
        return item == null ? Map.of() : item;
    }

    private static java.util.Set<String> set(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item == null ? null : item.get(name);
        return v == null || !v.hasSs() ? java.util.Set.of() : new java.util.HashSet<>(v.ss());
    }

    private static long number(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || v.n() == null ? 0 : Long.parseLong(v.n());
    }

    private static AttributeValue s(String v) {
        return AttributeValue.builder().s(v).build();
    }

    private static AttributeValue n(long v) {
        return AttributeValue.builder().n(Long.toString(v)).build();
    }

    private static AttributeValue ss(String v) {
        return AttributeValue.builder().ss(v).build();
    }

}
