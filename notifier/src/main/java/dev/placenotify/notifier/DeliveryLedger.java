package dev.placenotify.notifier;

import dev.placenotify.model.items.RunsTableLayout;
import dev.placenotify.model.DeliveryReported;
import dev.placenotify.model.Messages;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Delivery results in the runs table, apart from any run: partition {@value #PARTITION}, one item per KST day
 * the texts were sent and key shard ({@code DAY#2025-10-22#7}). Each {@link DeliveryReported} is one
 * conditional update that records its identity (kind and key) in the item's {@value #KEYS} set, so a
 * redelivered or replayed report is counted once. It adds to the day's counters ({@code day|CAT|store|rule},
 * read by the daily digest) and to the fresh ones ({@code new|CAT|store|rule} and {@value #NEW_LINES}), which
 * the next run summary takes: like late outcomes ({@link LateOutcomes}), a take moves them into the same
 * item's {@code took|<runId>} map in one update conditional on {@value #VERSION}, so two summaries never both
 * report a result, and a takeover reads back exactly what its dead predecessor took. Items expire
 * {@link #TTL} after their last report.
 */
public final class DeliveryLedger {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryLedger.class);
    static final String PARTITION = "_delivery";
    static final String KEYS = "keys";
    static final String VERSION = "version";
    static final String NEW_LINES = "newLines";
    static final String DAY_LINES = "dayLines";
    static final String DAY = "day|";
    static final String NEW = "new|";
    static final String LABEL = "label|";
    static final String TOOK = "took|";
    static final Duration TTL = Duration.ofDays(4);
    private static final int SHARDS = 16;
    /** How many days back a summary looks for fresh results: checks end 24 h after the send. */
    private static final int DAYS_BACK = 2;

    private final DynamoDbClient dynamo;
    private final String table;
    private final RunsTableReader reads;
    private final Clock clock;

    public DeliveryLedger(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.reads = new RunsTableReader(dynamo, table);
        this.clock = clock;
    }

    static String dayItem(LocalDate day, String key) {
        return "DAY#" + day + "#" + Math.floorMod(key.hashCode(), SHARDS);
    }

    /** The category a report counts under. */
    static String category(DeliveryReported r) {
        return switch (r.kind()) {
            case DELIVERY -> r.status().name();
            case FOUND -> "FOUND";
            case ABSENT -> "ABSENT";
        };
    }

    /** Counts a report once; false when it had been counted before. */
    public boolean record(DeliveryReported r) {
        String category = category(r);
        String identity = r.kind() + ":" + r.job().idempotencyKey();
        Map<String, String> names = new HashMap<>(Map.of("#keys", KEYS, "#day", DAY + DeliveryCounts.countKey(category,
                r.job().storeId(), r.job().rule()), "#new", NEW + DeliveryCounts.countKey(category, r.job().storeId(), r.job().rule()),
                "#label", LABEL + r.job().rule(), "#v", VERSION));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":id", AttributeValue.fromS(identity),
                ":ids", AttributeValue.fromSs(List.of(identity)), ":one", AttributeValue.fromN("1"),
                ":label", AttributeValue.fromS(r.job().label()),
                ":exp", AttributeValue.fromN(Long.toString(clock.instant().plus(TTL).getEpochSecond()))));
        StringBuilder set = new StringBuilder("SET #label = :label, " + RunsTableLayout.EXPIRES_AT + " = :exp");
        if (!"DELIVERED".equals(category)) {
            DeliveryCounts.Line line = new DeliveryCounts.Line(category, r.job().storeId(), r.job().rule(), r.job().customer(),
                    r.job().phoneLast4(), r.carrierCode(), r.reason());
            values.put(":line", AttributeValue.fromL(List.of(AttributeValue.fromS(line.encode()))));
            values.put(":none", AttributeValue.fromL(List.of()));
            names.put("#nl", NEW_LINES);
            names.put("#dl", DAY_LINES);
            set.append(", #nl = list_append(if_not_exists(#nl, :none), :line), #dl = list_append(if_not_exists(#dl, :none), :line)");
        }
        try {
            dynamo.updateItem(b -> b.tableName(table).key(RunItems.key(PARTITION, dayItem(r.day(), r.job().idempotencyKey())))
                    .updateExpression(set + " ADD #keys :ids, #day :one, #new :one, #v :one")
                    .conditionExpression("NOT contains(#keys, :id)")
                    .expressionAttributeNames(names).expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** Takes the fresh results for the summary of {@code takerRunId}; returns everything that summary has taken. */
    public DeliveryCounts take(String takerRunId) {
        LocalDate today = clock.instant().atZone(Messages.KST).toLocalDate();
        for (Map<String, AttributeValue> item : reads.partition(PARTITION)) {
            String sk = RunItems.sortKey(item);
            if (!sk.startsWith("DAY#") || LocalDate.parse(sk.substring(4, 14)).isBefore(today.minusDays(DAYS_BACK))) {
                continue;
            }
            takeItem(sk, item, takerRunId);
        }
        return taken(takerRunId);
    }

    private void takeItem(String sk, Map<String, AttributeValue> item, String taker) {
        Map<String, AttributeValue> current = item;
        for (int attempt = 0; attempt < 3 && current != null; attempt++) {
            if (current.containsKey(TOOK + taker)) {
                return; // taken by this summary before (a takeover); newer results wait for the next one
            }
            Map<String, AttributeValue> counts = new TreeMap<>();
            List<String> remove = new ArrayList<>();
            current.forEach((name, v) -> {
                if (name.startsWith(NEW) && v.n() != null && Integer.parseInt(v.n()) > 0) {
                    counts.put(name.substring(NEW.length()), v);
                    remove.add(name);
                }
            });
            List<AttributeValue> lines = current.containsKey(NEW_LINES) ? current.get(NEW_LINES).l() : List.of();
            if (counts.isEmpty() && lines.isEmpty()) {
                return;
            }
            Map<String, String> names = new HashMap<>(Map.of("#took", TOOK + taker, "#v", VERSION, "#nl", NEW_LINES));
            StringBuilder rm = new StringBuilder(" REMOVE #nl");
            for (int i = 0; i < remove.size(); i++) {
                names.put("#r" + i, remove.get(i));
                rm.append(", #r").append(i);
            }
            Map<String, AttributeValue> taken = Map.of("c", AttributeValue.fromM(counts), "l", AttributeValue.fromL(lines));
            AttributeValue seen = current.get(VERSION);
            try {
                dynamo.updateItem(b -> b.tableName(table).key(RunItems.key(PARTITION, sk))
                        .updateExpression("SET #took = :t ADD #v :one" + rm)
                        .conditionExpression("#v = :seen AND attribute_not_exists(#took)")
                        .expressionAttributeNames(names)
                        .expressionAttributeValues(Map.of(":t", AttributeValue.fromM(taken), ":one", AttributeValue.fromN("1"),
                                ":seen", seen)));
                return;
            } catch (ConditionalCheckFailedException changed) {
                current = reads.item(PARTITION, sk);
            }
        }
        LOG.warn("delivery results of {} kept changing; left for the next summary", sk);
    }

    /** What {@link #taken} says, or nothing when that cannot be read either (a take that failed part-way is reported later). */
    DeliveryCounts takenOrNone(String takerRunId) {
        try {
            return taken(takerRunId);
        } catch (RuntimeException e) {
            return DeliveryCounts.empty();
        }
    }

    /** What the summary of {@code takerRunId} has taken, without taking anything. */
    public DeliveryCounts taken(String takerRunId) {
        DeliveryCounts all = DeliveryCounts.empty();
        for (Map<String, AttributeValue> item : reads.partition(PARTITION)) {
            AttributeValue took = item.get(TOOK + takerRunId);
            if (took != null && took.m() != null) {
                all = all.plus(counts(took.m().get("c").m(), took.m().get("l").l(), labels(item)));
            }
        }
        return all;
    }

    /** The day's results (texts sent that KST day), for the daily digest. */
    public DeliveryCounts day(LocalDate day) {
        DeliveryCounts all = DeliveryCounts.empty();
        for (Map<String, AttributeValue> item : reads.partition(PARTITION)) {
            if (!RunItems.sortKey(item).startsWith("DAY#" + day + "#")) {
                continue;
            }
            Map<String, AttributeValue> counts = new TreeMap<>();
            item.forEach((name, v) -> {
                if (name.startsWith(DAY)) {
                    counts.put(name.substring(DAY.length()), v);
                }
            });
            all = all.plus(counts(counts, item.containsKey(DAY_LINES) ? item.get(DAY_LINES).l() : List.of(), labels(item)));
        }
        return all;
    }

    private static Map<String, String> labels(Map<String, AttributeValue> item) {
        Map<String, String> labels = new TreeMap<>();
        item.forEach((name, v) -> {
            if (name.startsWith(LABEL) && v.s() != null) {
                labels.put(name.substring(LABEL.length()), v.s());
            }
        });
        return labels;
    }

    private static DeliveryCounts counts(Map<String, AttributeValue> counts, List<AttributeValue> lines, Map<String, String> labels) {
        Map<String, Integer> c = new TreeMap<>();
        counts.forEach((k, v) -> c.put(k, Integer.parseInt(v.n())));
        return new DeliveryCounts(c, labels, lines.stream().map(l -> DeliveryCounts.Line.decode(l.s())).toList());
    }
}
