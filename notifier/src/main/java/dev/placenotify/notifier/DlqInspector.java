package dev.placenotify.notifier;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Which stages' DLQs hold messages, for the summary and the DLQ alert. */
public final class DlqInspector {
    private static final Logger LOG = LoggerFactory.getLogger(DlqInspector.class);

    private final SqsClient sqs;
    private final Map<String, String> dlqUrlsByStage;

    public DlqInspector(SqsClient sqs, Map<String, String> dlqUrlsByStage) {
        this.sqs = sqs;
        this.dlqUrlsByStage = dlqUrlsByStage;
    }

    /** "stage (n)" for every DLQ with messages; a DLQ that cannot be read is named as unreadable. */
    public List<String> nonEmpty() {
        List<String> found = new ArrayList<>();
        dlqUrlsByStage.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            try {
                String n = sqs.getQueueAttributes(b -> b.queueUrl(e.getValue())
                        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
                        .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
                if (n != null && Integer.parseInt(n) > 0) {
                    found.add(e.getKey() + " (" + n + ")");
                }
            } catch (RuntimeException ex) {
                LOG.warn("cannot read DLQ depth of {}: {}", e.getKey(), ex.getMessage());
                found.add(e.getKey() + " (unreadable)");
            }
        });
        return found;
    }
}
