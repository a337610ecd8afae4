package dev.placenotify.operator;

import dev.placenotify.shell.QueueSpec;
import dev.placenotify.shell.TableSpec;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * A pipeline named by {@link dev.placenotify.shell.Topology} under a stage name, as the local runner and
 * LocalStack setups create it; queue URLs come from GetQueueUrl, on first use.
 */
final class LocalStageTarget implements PipelineTarget {
    private final SqsClient sqs;
    private final String stageName;
    private final String where;
    private final Map<String, String> urls = new ConcurrentHashMap<>();

    LocalStageTarget(SqsClient sqs, String stageName, String where) {
        this.sqs = sqs;
        this.stageName = stageName;
        this.where = where;
    }

    @Override
    public String describe() {
        return "local stage " + stageName + " (" + where + ")";
    }

    @Override
    public String queueUrl(QueueSpec queue) {
        return url(queue.queueName(stageName));
    }

    @Override
    public String dlqUrl(QueueSpec queue) {
        return url(queue.dlqName(stageName));
    }

    @Override
    public String table(TableSpec table) {
        return table.tableName(stageName);
    }

    private String url(String name) {
        return urls.computeIfAbsent(name, n -> {
            try {
                return sqs.getQueueUrl(b -> b.queueName(n)).queueUrl();
            } catch (QueueDoesNotExistException e) {
                throw new OperatorException("queue " + n + " does not exist at " + where
                        + ": is the local stack running, and is its stage name '" + stageName + "'?");
            }
        });
    }
}
