package dev.placenotify.notifier;

import dev.placenotify.model.items.RunsTableLayout;

import static dev.placenotify.notifier.RunItems.key;
import static dev.placenotify.notifier.RunItems.n;
import static dev.placenotify.notifier.RunItems.s;
import static dev.placenotify.model.items.RunsTableLayout.RUN_ITEM;
import static dev.placenotify.model.items.RunsTableLayout.RunItem.FAILED;
import static dev.placenotify.model.items.RunsTableLayout.RunItem.POSTED;
import static dev.placenotify.model.items.RunsTableLayout.RunItem.POSTING;
import static dev.placenotify.model.items.RunsTableLayout.RunItem.UNCERTAIN;

import dev.placenotify.model.MessageCodec;
import dev.placenotify.model.items.RunsTableLayout.RunItem;
import dev.placenotify.model.items.RunsTableLayout.SummaryItem;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * What a run's summary was composed as, and what each channel got: the {@code SUMMARY} item, saved once
 * before anything is posted, and the channel states on the {@code RUN} item ({@code telegramState},
 * {@code slackState}: POSTING → POSTED / FAILED / UNCERTAIN, with {@code telegram} / {@code slack} in
 * words). Each state changes only by a conditional single-item write, so a channel is posted at most once
 * whoever summarises the run, and a takeover posts exactly what its dead predecessor composed.
 */
public final class SummaryPosts {
    private static final Logger LOG = LoggerFactory.getLogger(SummaryPosts.class);

    private final DynamoDbClient dynamo;
    private final String table;
    private final RunsTableReader reads;
    private final Duration ttl;

    public SummaryPosts(DynamoDbClient dynamo, String table, Duration ttl) {
        this.dynamo = dynamo;
        this.table = table;
        this.reads = new RunsTableReader(dynamo, table);
        this.ttl = ttl;
    }

    /** The summary as composed once, with what it needs to be posted (or its posting finished) by any invocation. */
    public record SavedSummary(List<String> telegramParts, Map<String, Object> slackPayload, String line, boolean complete,
                               Duration duration) {}

    /**
     * Keeps the composed summary before anything is posted, so a takeover posts exactly what its dead
     * predecessor composed (with the late outcomes it took) on the channels that did not get it. The first
     * one saved wins. It expires {@code ttl} after {@code now}, with the run's other items.
     */
    public SavedSummary saveSummary(String runId, RunSummary summary, boolean complete, Duration duration, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(key(runId, RunsTableLayout.SUMMARY_ITEM));
        item.put(SummaryItem.TELEGRAM_PARTS, AttributeValue.fromL(summary.telegramParts().stream().map(RunItems::s).toList()));
        item.put(SummaryItem.SLACK_PAYLOAD, s(MessageCodec.encode(summary.slackPayload())));
        item.put(SummaryItem.LINE, s(summary.line()));
        item.put(SummaryItem.COMPLETE, AttributeValue.fromBool(complete));
        item.put(SummaryItem.DURATION_MS, n(duration.toMillis()));
        item.put(SummaryItem.COMPOSED_AT, s(now.toString()));
        item.put(RunsTableLayout.EXPIRES_AT, n(now.plus(ttl).getEpochSecond()));
        try {
            dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", RunsTableLayout.PARTITION_KEY)));
            return new SavedSummary(summary.telegramParts(), summary.slackPayload(), summary.line(), complete, duration);
        } catch (ConditionalCheckFailedException earlier) {
            return savedSummary(runId).orElseThrow();
        }
    }

    public Optional<SavedSummary> savedSummary(String runId) {
        Map<String, AttributeValue> item = reads.item(runId, RunsTableLayout.SUMMARY_ITEM);
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> slack = MessageCodec.decode(item.get(SummaryItem.SLACK_PAYLOAD).s(), Map.class);
        return Optional.of(new SavedSummary(item.get(SummaryItem.TELEGRAM_PARTS).l().stream().map(AttributeValue::s).toList(), slack,
                item.get(SummaryItem.LINE).s(), item.get(SummaryItem.COMPLETE).bool(),
                Duration.ofMillis(Long.parseLong(item.get(SummaryItem.DURATION_MS).n()))));
    }

    /**
     * Marks {@code channel} as being posted, before the post: only the caller whose mark lands may post,
     * and a channel once marked is never posted again, whatever happens to the poster. Empty when the
     * caller may post; otherwise what became of the earlier post. A mark left {@code POSTING} by a notifier
     * that died (or ran out of time) mid-post is settled as UNCERTAIN here: the post may have arrived.
     */
    public Optional<PostResult> beginPost(String runId, Channels.Channel channel, Instant now) {
        String state = stateAttribute(channel);
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(runId, RUN_ITEM))
                    .updateExpression("SET #state = :posting, #desc = :desc")
                    .conditionExpression("attribute_not_exists(#state)")
                    .expressionAttributeNames(Map.of("#state", state, "#desc", descriptionAttribute(channel)))
                    .expressionAttributeValues(Map.of(":posting", s(POSTING), ":desc", s("POSTING since " + now))));
            return Optional.empty();
        } catch (ConditionalCheckFailedException marked) {
            Map<String, AttributeValue> run = reads.item(runId, RUN_ITEM);
            return Optional.of(settledPost(runId, channel, run));
        }
    }

    /** What became of an earlier post of the summary on {@code channel}, if there was one (read only, except that a dead poster's mark is settled). */
    public Optional<PostResult> earlierPost(String runId, Channels.Channel channel) {
        Map<String, AttributeValue> run = reads.item(runId, RUN_ITEM);
        if (run == null || !run.containsKey(stateAttribute(channel))) {
            return Optional.empty();
        }
        return Optional.of(settledPost(runId, channel, run));
    }

    private PostResult settledPost(String runId, Channels.Channel channel, Map<String, AttributeValue> run) {
        String state = run.get(stateAttribute(channel)).s();
        String description = run.containsKey(descriptionAttribute(channel)) ? run.get(descriptionAttribute(channel)).s() : state;
        return switch (state) {
            case POSTED -> new PostResult.Posted(0);
            case FAILED -> new PostResult.Failed(strip(description, "FAILED: "));
            case UNCERTAIN -> new PostResult.Uncertain(strip(description, "UNCERTAIN: "));
            default -> abandon(runId, channel, description);
        };
    }

    private PostResult abandon(String runId, Channels.Channel channel, String posting) {
        PostResult.Uncertain uncertain = new PostResult.Uncertain(channel.name().toLowerCase(Locale.ROOT)
                + ": the notifier posting it stopped before it recorded the answer (" + posting + "); not posted again");
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(runId, RUN_ITEM))
                    .updateExpression("SET #state = :uncertain, #desc = :desc").conditionExpression("#state = :posting")
                    .expressionAttributeNames(Map.of("#state", stateAttribute(channel), "#desc", descriptionAttribute(channel)))
                    .expressionAttributeValues(Map.of(":uncertain", s(UNCERTAIN), ":posting", s(POSTING),
                            ":desc", s(PostResult.describe(uncertain)))));
            return uncertain;
        } catch (ConditionalCheckFailedException settled) {
            Map<String, AttributeValue> run = reads.item(runId, RUN_ITEM);
            return settledPost(runId, channel, run);
        }
    }

    /** What the post that {@link #beginPost} allowed came to. A post that never started is unmarked for a later invocation. */
    public void endPost(String runId, Channels.Channel channel, PostResult result) {
        Map<String, String> names = Map.of("#state", stateAttribute(channel), "#desc", descriptionAttribute(channel));
        try {
            if (result instanceof PostResult.NotStarted) {
                dynamo.updateItem(b -> b.tableName(table).key(key(runId, RUN_ITEM)).updateExpression("REMOVE #state, #desc")
                        .conditionExpression("#state = :posting").expressionAttributeNames(names)
                        .expressionAttributeValues(Map.of(":posting", s(POSTING))));
                return;
            }
            String state = switch (result) {
                case PostResult.Posted p -> POSTED;
                case PostResult.Failed f -> FAILED;
                default -> UNCERTAIN;
            };
            dynamo.updateItem(b -> b.tableName(table).key(key(runId, RUN_ITEM)).updateExpression("SET #state = :state, #desc = :desc")
                    .conditionExpression("#state = :posting").expressionAttributeNames(names)
                    .expressionAttributeValues(Map.of(":state", s(state), ":posting", s(POSTING), ":desc", s(PostResult.describe(result)))));
        } catch (ConditionalCheckFailedException settled) {
            LOG.warn("{} post of run {} was settled by another notifier meanwhile; kept its record", channel, runId);
        }
    }

    private static String stateAttribute(Channels.Channel channel) {
        return channel == Channels.Channel.TELEGRAM ? RunItem.TELEGRAM_STATE : RunItem.SLACK_STATE;
    }

    /** The human-readable record the operator reads ({@code telegram}, {@code slack}). */
    private static String descriptionAttribute(Channels.Channel channel) {
        return channel == Channels.Channel.TELEGRAM ? RunItem.TELEGRAM_POST : RunItem.SLACK_POST;
    }

    private static String strip(String s, String prefix) {
        return s.startsWith(prefix) ? s.substring(prefix.length()) : s;
    }
}
