package dev.placenotify.operator.replay;

import dev.placenotify.shell.DeadLetters;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * One message in a DLQ. {@code error}/{@code failedStage} are the {@code pn-error}/{@code pn-stage}
 * attributes a stage attaches when it dead-letters a poison message itself; a message the redrive policy
 * moved after max receives has none. {@code originalMessageId} ({@code pn-original-message-id}) is the id the
 * message had in the stage's input queue when the stage dead-lettered it; {@code replayId} ({@code pn-replay})
 * names the replay that last moved it back, if one did, and {@code replayedFrom} ({@code pn-replayed-from}) its id
 * in the DLQ then.
 */
public record DeadLetter(String messageId, String receiptHandle, String body, BodyFacts facts, String failedStage,
                         String error, String originalMessageId, String replayId, String replayedFrom, Integer receiveCount,
                         Instant sentAt, Map<String, MessageAttributeValue> messageAttributes) {

    static DeadLetter of(Message m) {
        Map<String, MessageAttributeValue> attrs = m.messageAttributes();
        String sent = m.attributes().get(MessageSystemAttributeName.SENT_TIMESTAMP);
        String receives = m.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT);
        return new DeadLetter(m.messageId(), m.receiptHandle(), m.body(), BodyFacts.of(m.body()),
                string(attrs, DeadLetters.ATTR_STAGE), string(attrs, DeadLetters.ATTR_ERROR),
                string(attrs, DeadLetters.ATTR_ORIGINAL_ID), string(attrs, ReplayMarker.ATTR),
                string(attrs, ReplayMarker.ATTR_FROM), receives == null ? null : Integer.valueOf(receives),
                sent == null ? null : Instant.ofEpochMilli(Long.parseLong(sent)), attrs);
    }

    /** Why it is here, in a few words. */
    public String reason() {
        return error != null ? error : "redriven after max receives (no pn-error)";
    }

    private static String string(Map<String, MessageAttributeValue> attrs, String name) {
        MessageAttributeValue v = attrs.get(name);
        return v == null ? null : v.stringValue();
    }
}
