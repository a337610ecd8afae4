package dev.placenotify.infra;

import dev.placenotify.model.QueueSpec;
import dev.placenotify.model.Topology;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.amazon.awscdk.Stack;

/**
 * Every queue of {@link Topology#QUEUES}, each with its DLQ and redrive policy (max receives from the topology),
 * encrypted (SQS managed) and TLS only. Visibility is the topology's: six times its consumer's timeout.
 */
final class PipelineQueues {
    private final Map<QueueSpec, Queue> queues = new LinkedHashMap<>();
    private final Map<QueueSpec, Queue> dlqs = new LinkedHashMap<>();

    PipelineQueues(Stack scope, EnvironmentConfig config) {
        for (QueueSpec spec : Topology.QUEUES) {
            String name = ConstructIds.pascal(spec.logicalName());
            Queue dlq = Queue.Builder.create(scope, name + "Dlq")
                    .queueName(spec.dlqName(config.name()))
                    .retentionPeriod(Duration.days(QueueSpec.DLQ_RETENTION_DAYS))
                    .encryption(QueueEncryption.SQS_MANAGED)
                    .enforceSsl(true)
                    .build();
            Queue queue = Queue.Builder.create(scope, name + "Queue")
                    .queueName(spec.queueName(config.name()))
                    .visibilityTimeout(Duration.seconds(spec.visibilityTimeoutSeconds()))
                    .encryption(QueueEncryption.SQS_MANAGED)
                    .enforceSsl(true)
                    .deadLetterQueue(DeadLetterQueue.builder().queue(dlq).maxReceiveCount(spec.maxReceives()).build())
                    .build();
            queues.put(spec, queue);
            dlqs.put(spec, dlq);
        }
    }

    Queue queue(QueueSpec spec) {
        return queues.get(spec);
    }

    Queue dlq(QueueSpec spec) {
        return dlqs.get(spec);
    }

    List<Queue> allDlqs() {
        return List.copyOf(dlqs.values());
    }
}
