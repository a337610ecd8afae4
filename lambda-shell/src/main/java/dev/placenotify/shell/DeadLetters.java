package dev.placenotify.shell;

import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * Sends a message no retry can fix straight to the stage's DLQ, with the reason as message attributes
 * so an operator sees why before replaying it.
 */
public final class DeadLetters {
    public static final String ATTR_STAGE = "pn-stage";
    public static final String ATTR_ERROR = "pn-error";
    public static final String ATTR_ORIGINAL_ID = "pn-original-message-id";

    private final SqsClient sqs;
    private final String dlqUrl;
    private final String stage;

    public DeadLetters(SqsClient sqs, String dlqUrl, String stage) {
        this.sqs = sqs;
        this.dlqUrl = dlqUrl;
        this.stage = stage;
    }

    public void send(String body, String originalMessageId, String reason) {
        String safeBody = body == null || body.isEmpty() ? "(empty)" : body;
        sqs.sendMessage(b -> b.queueUrl(dlqUrl).messageBody(safeBody).messageAttributes(Map.of(
                ATTR_STAGE, text(stage),
                ATTR_ERROR, text(reason.length() > 1000 ? reason.substring(0, 1000) : reason),
                ATTR_ORIGINAL_ID, text(originalMessageId))));
    }

    private static MessageAttributeValue text(String v) {
        return MessageAttributeValue.builder().dataType("String").stringValue(v).build();
    }
}
