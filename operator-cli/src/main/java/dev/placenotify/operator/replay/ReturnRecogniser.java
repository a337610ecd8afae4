package dev.placenotify.operator.replay;

import java.util.Map;
import java.util.Optional;

/**
 * Tells a message this replay moved and that came back to the DLQ from one that was never part of it. It came
 * back when it is the very message the replay sent (the redrive policy keeps the id), names it in
 * {@code pn-original-message-id} (a stage dead-lettered it itself), or carries this replay's {@code pn-replay}
 * mark (the redrive policy keeps attributes even where an id would change).
 */
final class ReturnRecogniser {
    /** A moved message back in the DLQ: {@code original} its id there before the replay, {@code movedAs} the copy's. */
    record CameBack(String original, String movedAs, DeadLetter letter) {}

    private final String replayId;
    /** Id of each copy the replay sent to the input queue → id of the DLQ message it was moved from. */
    private final Map<String, String> movedFrom;

    ReturnRecogniser(String replayId, Map<String, String> movedFrom) {
        this.replayId = replayId;
        this.movedFrom = movedFrom;
    }

    Optional<CameBack> recognise(DeadLetter l) {
        if (movedFrom.containsKey(l.messageId())) {
            return Optional.of(new CameBack(movedFrom.get(l.messageId()), l.messageId(), l));
        }
        if (l.originalMessageId() != null && movedFrom.containsKey(l.originalMessageId())) {
            return Optional.of(new CameBack(movedFrom.get(l.originalMessageId()), l.originalMessageId(), l));
        }
        if (replayId.equals(l.replayId())) {
            return Optional.of(new CameBack(l.replayedFrom(), null, l));
        }
        return Optional.empty();
    }
}
