package dev.placenotify.operator;

import dev.placenotify.model.QueueSpec;
import dev.placenotify.model.TableSpec;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * A pipeline named by {@link dev.placenotify.model.Topology} under an environment name, as the local runner and
 * LocalStack setups create it; queue URLs come from GetQueueUrl, on first use.
 */
final class LocalEnvironmentTarget implements PipelineTarget {
    private final SqsClient sqs;
    private final String environment;
    private final String where;
    private final Map<String, String> urls = new ConcurrentHashMap<>();

    LocalEnvironmentTarget(SqsClient sqs, String environment, String where) {
        this.sqs = sqs;
        this.environment = environment;
        this.where = where;
    }

    @Override
    public String describe() {
        return "local environment " + environment + " (" + where + ")";
    }

    @Override
    public String queueUrl(QueueSpec queue) {
        return url(queue.queueName(environment));
    }

    @Override
    public String dlqUrl(QueueSpec queue) {
        return url(queue.dlqName(environment));
    }

    @Override
    public String table(TableSpec table) {
        return table.tableName(environment);
    }

    private String url(String name) {
        return urls.computeIfAbsent(name, n -> {
            try {
                return sqs.getQueueUrl(b -> b.queueName(n)).queueUrl();
            } catch (QueueDoesNotExistException e) {
                throw new OperatorException("queue " + n + " does not exist at " + where
                        + ": is the local stack running, and is its environment name '" + environment + "'?");
            }
        });
    }
}
