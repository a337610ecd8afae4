package dev.placenotify.operator.status;

import dev.placenotify.operator.PipelineTarget;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Reads a queue's depth without disturbing it. The age of a source queue's oldest message comes only from
 * CloudWatch (peeking would count as a receive and could push a message towards its DLQ); a DLQ has no
 * consumer and no redrive, so there the CLI peeks at up to 10 messages with a zero visibility timeout.
 */
final class QueueProbe {
    private final SqsClient sqs;
    private final Optional<CloudWatchClient> cloudWatch;
    private final Clock clock;

    QueueProbe(SqsClient sqs, Optional<CloudWatchClient> cloudWatch, Clock clock) {
        this.sqs = sqs;
        this.cloudWatch = cloudWatch;
        this.clock = clock;
    }

    QueueHealth sourceQueue(String url) {
        Map<QueueAttributeName, String> a = attributes(url);
        String name = PipelineTarget.queueName(url);
        Long age = cloudWatch.flatMap(cw -> oldestFromCloudWatch(cw, name)).orElse(null);
        return new QueueHealth(name, url, count(a, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES),
                count(a, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE),
                count(a, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED), age,
                age != null ? "cloudwatch" : "n/a");
    }

    QueueHealth deadLetterQueue(String url) {
        Map<QueueAttributeName, String> a = attributes(url);
        long visible = count(a, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
        Long age = visible > 0 ? oldestSampled(url) : null;
        return new QueueHealth(PipelineTarget.queueName(url), url, visible,
                count(a, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE),
                count(a, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED), age, age != null ? "sampled" : "n/a");
    }

    private Map<QueueAttributeName, String> attributes(String url) {
        return sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
    }

    private static long count(Map<QueueAttributeName, String> a, QueueAttributeName name) {
        String v = a.get(name);
        return v == null ? 0 : Long.parseLong(v);
    }

    private Long oldestSampled(String url) {
        Instant now = clock.instant();
        return sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).visibilityTimeout(0)
                        .messageSystemAttributeNames(MessageSystemAttributeName.SENT_TIMESTAMP))
                .messages().stream()
                .map(QueueProbe::sentAt)
                .flatMap(Optional::stream)
                .min(Comparator.naturalOrder())
                .map(sent -> Math.max(0, Duration.between(sent, now).toSeconds()))
                .orElse(null);
    }

    private static Optional<Instant> sentAt(Message m) {
        String v = m.attributes().get(MessageSystemAttributeName.SENT_TIMESTAMP);
        return v == null ? Optional.empty() : Optional.of(Instant.ofEpochMilli(Long.parseLong(v)));
    }

    private Optional<Long> oldestFromCloudWatch(CloudWatchClient cw, String queueName) {
        Instant end = clock.instant();
        try {
            return cw.getMetricStatistics(b -> b.namespace("AWS/SQS").metricName("ApproximateAgeOfOldestMessage")
                            .dimensions(d -> d.name("QueueName").value(queueName))
                            .startTime(end.minus(Duration.ofMinutes(15))).endTime(end).period(60)
                            .statistics(Statistic.MAXIMUM))
                    .datapoints().stream()
                    .max(Comparator.comparing(Datapoint::timestamp))
                    .map(p -> p.maximum().longValue());
        } catch (RuntimeException e) {
            // No cloudwatch:GetMetricStatistics permission, or no metric yet: depth still shows.
            return Optional.empty();
        }
    }
}
