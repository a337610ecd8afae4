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

    /** One stage's DLQ that holds messages; {@code messages} is null when its depth could not be read. */
    public record DlqDepth(String stage, Integer messages) {
        public String label() {
            return stage + " (" + (messages == null ? "unreadable" : messages) + ")";
        }
    }

    /** Every DLQ with messages (visible or in flight), by stage name; a DLQ that cannot be read is listed as such. */
    public List<DlqDepth> nonEmpty() {
        List<DlqDepth> found = new ArrayList<>();
        dlqUrlsByStage.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            try {
                Map<QueueAttributeName, String> a = sqs.getQueueAttributes(b -> b.queueUrl(e.getValue()).attributeNames(
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
                int n = count(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                        + count(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
                if (n > 0) {
                    found.add(new DlqDepth(e.getKey(), n));
                }
            } catch (RuntimeException ex) {
                LOG.warn("cannot read DLQ depth of {}: {}", e.getKey(), ex.getMessage());
                found.add(new DlqDepth(e.getKey(), null));
            }
        });
        return found;
    }

    private static int count(String v) {
        try {
            return v == null ? 0 : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
