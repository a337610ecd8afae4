package dev.placenotify.local.e2e;

import dev.placenotify.local.LocalPipeline;
import dev.placenotify.model.QueueSpec;
import java.util.List;

/** Reads what sits in a DLQ (without consuming it for long), for assertion messages. */
final class DlqPeek {
    private DlqPeek() {}

    static List<String> reasons(LocalPipeline p, QueueSpec q) {
        return p.aws().sqs().receiveMessage(b -> b.queueUrl(p.resources().dlqUrl(q)).maxNumberOfMessages(10)
                        .visibilityTimeout(1).messageAttributeNames("All"))
                .messages().stream()
                .map(m -> (m.messageAttributes().containsKey("pn-error") ? m.messageAttributes().get("pn-error").stringValue()
                        : "(redriven after max receives)") + " :: " + m.body().substring(0, Math.min(300, m.body().length())))
                .toList();
    }
}
