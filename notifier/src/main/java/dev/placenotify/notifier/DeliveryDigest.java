package dev.placenotify.notifier;

import dev.placenotify.model.items.RunsTableLayout;
import dev.placenotify.model.Messages;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The daily delivery digest: yesterday's (KST) delivered vs failed per store and rule, failures with the
 * carriers' reasons in Slack. Posted at most once per day: the day's {@code DIGEST#<day>} item in
 * {@value DeliveryLedger#PARTITION} is claimed with a conditional write before anything is posted and records
 * what the channels answered; a digest whose poster died after the claim is not posted again (like a summary's
 * channel left POSTING).
 */
public final class DeliveryDigest {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryDigest.class);

    private final DynamoDbClient dynamo;
    private final String table;
    private final DeliveryLedger ledger;
    private final DeliverySection lines;
    private final Channels channels;
    private final Clock clock;

    public DeliveryDigest(DynamoDbClient dynamo, String table, DeliveryLedger ledger, DeliverySection lines, Channels channels,
                          Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.ledger = ledger;
        this.lines = lines;
        this.channels = channels;
        this.clock = clock;
    }

    /** The KST day before the clock's. */
    public LocalDate yesterday() {
        return clock.instant().atZone(Messages.KST).toLocalDate().minusDays(1);
    }

    /** Posts {@code day}'s digest unless it was posted (or claimed) before; returns what was posted, if anything. */
    public Optional<List<String>> post(LocalDate day, InvocationDeadline deadline) {
        DeliveryCounts counts = ledger.day(day);
        String title = day.getMonthValue() + "월 " + day.getDayOfMonth() + "일 보낸 문자의 전달 결과";
        List<String> plain = counts.isEmpty() ? List.of("📬 " + title + ": 확인된 결과 없음") : lines.lines(title, counts, false);
        List<String> slack = counts.isEmpty() ? plain : lines.lines("*" + title + "*", counts, true);
        String sk = "DIGEST#" + day;
        try {
            dynamo.putItem(b -> b.tableName(table).item(Map.of("runId", AttributeValue.fromS(DeliveryLedger.PARTITION),
                            "item", AttributeValue.fromS(sk), "claimedAt", AttributeValue.fromS(clock.instant().toString()),
                            RunsTableLayout.EXPIRES_AT, AttributeValue.fromN(Long.toString(
                                    clock.instant().plus(DeliveryLedger.TTL).getEpochSecond()))))
                    .conditionExpression("attribute_not_exists(#i)").expressionAttributeNames(Map.of("#i", "item")));
        } catch (ConditionalCheckFailedException e) {
            LOG.info("delivery digest of {} was posted before; not again", day);
            return Optional.empty();
        }
        String telegram = String.join("\n", plain.stream().map(Html::escape).toList());
        String slackText = String.join("\n", slack.stream().map(SlackText::escape).toList());
        Channels.Delivery d = channels.post(List.of(telegram.length() > 4000 ? telegram.substring(0, 4000) : telegram),
                Map.of("text", slackText.length() > 2900 ? slackText.substring(0, 2900) : slackText), deadline);
        dynamo.updateItem(b -> b.tableName(table).key(RunItems.key(DeliveryLedger.PARTITION, sk))
                .updateExpression("SET telegram = :t, slack = :s")
                .expressionAttributeValues(Map.of(":t", AttributeValue.fromS(PostResult.describe(d.telegram())),
                        ":s", AttributeValue.fromS(PostResult.describe(d.slack())))));
        LOG.info("delivery digest of {}: telegram={} slack={} :: {}", day, PostResult.describe(d.telegram()),
                PostResult.describe(d.slack()), plain.get(0));
        return Optional.of(plain);
    }
}
