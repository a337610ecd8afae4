package dev.placenotify.operator;

import dev.placenotify.model.QueueSpec;
import dev.placenotify.model.TableSpec;

/** Where one pipeline's queues and tables are: a deployed stack or a local stack. */
public interface PipelineTarget {
    /** For headers and messages, e.g. "stack PlaceNotify-dev (ap-northeast-2)". */
    String describe();

    String queueUrl(QueueSpec queue);

    String dlqUrl(QueueSpec queue);

    String table(TableSpec table);

    /** The last path segment of a queue URL is the queue's name. */
    static String queueName(String queueUrl) {
        return queueUrl.substring(queueUrl.lastIndexOf('/') + 1);
    }
}
