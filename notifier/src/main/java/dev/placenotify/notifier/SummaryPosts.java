package dev.placenotify.notifier;

import static dev.placenotify.notifier.RunLedger.RUN;
import static dev.placenotify.notifier.RunLedger.key;
import static dev.placenotify.notifier.RunLedger.n;
import static dev.placenotify.notifier.RunLedger.s;

import dev.placenotify.model.MessageCodec;
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

    static final String SUMMARY = "SUMMARY";
    /** States of one channel's post of a summary: marked before the post, settled after it. */
    static final String POSTING = "POSTING";
    static final String POSTED = "POSTED";
    static final String FAILED = "FAILED";
    static final String UNCERTAIN = "UNCERTAIN";

    private final DynamoDbClient dynamo;
    private final String table;
    private final Duration ttl;

    public SummaryPosts(DynamoDbClient dynamo, String table, Duration ttl) {
        this.dynamo = dynamo;
        this.table = table;
        this.ttl = ttl;
    }

    /** The summary as composed once, with what it needs to be posted (or its posting finished) by any invocation. */
    public record SavedSummary(List<String> telegramParts, Map<String, Object> slackPayload, String line, boolean complete,
                               Duration duration) {}

    /**
     * Keeps the composed summary before anything is posted, so a takeover posts exactly what its dead
     * predecessor composed (with the late outcomes it took) on the channels that did not get it. The first
     * one saved wins.
     */
    public SavedSummary saveSummary(String runId, RunSummary summary, boolean complete, Duration duration, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(key(runId, SUMMARY));
        item.put("telegramParts", AttributeValue.fromL(summary.telegramParts().stream().map(RunLedger::s).toList()));
        item.put("slackPayload", s(MessageCodec.encode(summary.slackPayload())));
        item.put("line", s(summary.line()));
        item.put("complete", AttributeValue.fromBool(complete));
        item.put("durationMs", n(duration.toMillis()));
        item.put("composedAt", s(now.toString()));
        item.put("expiresAt", n(Instant.now().plus(ttl).getEpochSecond()));
        try {
            dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(runId)"));
            return new SavedSummary(summary.telegramParts(), summary.slackPayload(), summary.line(), complete, duration);
        } catch (ConditionalCheckFailedException earlier) {
            return savedSummary(runId).orElseThrow();
        }
    }

    public Optional<SavedSummary> savedSummary(String runId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(key(runId, SUMMARY)).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> slack = MessageCodec.decode(item.get("slackPayload").s(), Map.class);
        return Optional.of(new SavedSummary(item.get("telegramParts").l().stream().map(AttributeValue::s).toList(), slack,
                item.get("line").s(), item.get("complete").bool(), Duration.ofMillis(Long.parseLong(item.get("durationMs").n()))));
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
            dynamo.updateItem(b -> b.tableName(table).key(key(runId, RUN))
                    .updateExpression("SET #state = :posting, #desc = :desc")
                    .conditionExpression("attribute_not_exists(#state)")
                    .expressionAttributeNames(Map.of("#state", state, "#desc", descriptionAttribute(channel)))
                    .expressionAttributeValues(Map.of(":posting", s(POSTING), ":desc", s("POSTING since " + now))));
            return Optional.empty();
        } catch (ConditionalCheckFailedException marked) {
            Map<String, AttributeValue> run = dynamo.getItem(b -> b.tableName(table).key(key(runId, RUN)).consistentRead(true)).item();
            return Optional.of(settledPost(runId, channel, run));
        }
    }

    /** What became of an earlier post of the summary on {@code channel}, if there was one (read only, except that a dead poster's mark is settled). */
    public Optional<PostResult> earlierPost(String runId, Channels.Channel channel) {
        Map<String, AttributeValue> run = dynamo.getItem(b -> b.tableName(table).key(key(runId, RUN)).consistentRead(true)).item();
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
            dynamo.updateItem(b -> b.tableName(table).key(key(runId, RUN))
                    .updateExpression("SET #state = :uncertain, #desc = :desc").conditionExpression("#state = :posting")
                    .expressionAttributeNames(Map.of("#state", stateAttribute(channel), "#desc", descriptionAttribute(channel)))
                    .expressionAttributeValues(Map.of(":uncertain", s(UNCERTAIN), ":posting", s(POSTING),
                            ":desc", s(PostResult.describe(uncertain)))));
            return uncertain;
        } catch (ConditionalCheckFailedException settled) {
            Map<String, AttributeValue> run = dynamo.getItem(b -> b.tableName(table).key(key(runId, RUN)).consistentRead(true)).item();
            return settledPost(runId, channel, run);
        }
    }

    /** What the post that {@link #beginPost} allowed came to. A post that never started is unmarked for a later invocation. */
    public void endPost(String runId, Channels.Channel channel, PostResult result) {
        Map<String, String> names = Map.of("#state", stateAttribute(channel), "#desc", descriptionAttribute(channel));
        try {
            if (result instanceof PostResult.NotStarted) {
                dynamo.updateItem(b -> b.tableName(table).key(key(runId, RUN)).updateExpression("REMOVE #state, #desc")
                        .conditionExpression("#state = :posting").expressionAttributeNames(names)
                        .expressionAttributeValues(Map.of(":posting", s(POSTING))));
                return;
            }
            String state = switch (result) {
                case PostResult.Posted p -> POSTED;
                case PostResult.Failed f -> FAILED;
                default -> UNCERTAIN;
            };
            dynamo.updateItem(b -> b.tableName(table).key(key(runId, RUN)).updateExpression("SET #state = :state, #desc = :desc")
                    .conditionExpression("#state = :posting").expressionAttributeNames(names)
                    .expressionAttributeValues(Map.of(":state", s(state), ":posting", s(POSTING), ":desc", s(PostResult.describe(result)))));
        } catch (ConditionalCheckFailedException settled) {
            LOG.warn("{} post of run {} was settled by another notifier meanwhile; kept its record", channel, runId);
        }
    }

    private static String stateAttribute(Channels.Channel channel) {
        return channel == Channels.Channel.TELEGRAM ? "telegramState" : "slackState";
    }

    /** The human-readable record the operator reads ({@code telegram}, {@code slack}). */
    private static String descriptionAttribute(Channels.Channel channel) {
        return channel == Channels.Channel.TELEGRAM ? "telegram" : "slack";
    }

    private static String strip(String s, String prefix) {
        return s.startsWith(prefix) ? s.substring(prefix.length()) : s;
    }
}
