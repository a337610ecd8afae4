package dev.placenotify.testsupport.aws;

import dev.placenotify.model.QueueSpec;
import dev.placenotify.model.TableSpec;
import java.util.Map;

/** The queue URLs and table names of one deployed stage (an isolated copy of the pipeline). */
public record PipelineResources(String environmentName, Map<QueueSpec, String> queueUrls, Map<QueueSpec, String> dlqUrls,
                                Map<TableSpec, String> tableNames) {
    public String queueUrl(QueueSpec q) {
        return queueUrls.get(q);
    }

    public String dlqUrl(QueueSpec q) {
        return dlqUrls.get(q);
    }

    public String table(TableSpec t) {
        return tableNames.get(t);
    }
}
