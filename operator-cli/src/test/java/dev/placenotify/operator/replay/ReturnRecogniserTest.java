package dev.placenotify.operator.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReturnRecogniserTest {
    private static final String REPLAY = "r20251022T140512-3fa9c1";
    /** The replay moved DLQ message "dlq-1" and its copy in the input queue got id "copy-1". */
    private final ReturnRecogniser returns = new ReturnRecogniser(REPLAY, Map.of("copy-1", "dlq-1"));

    @Test
    void theCopyRedrivenWithItsIdIsRecognised() {
        assertThat(returns.recognise(letter("copy-1", null, null, null))).hasValueSatisfying(back -> {
            assertThat(back.original()).isEqualTo("dlq-1");
            assertThat(back.movedAs()).isEqualTo("copy-1");
        });
    }

    @Test
    void aCopyTheStageDeadLetteredItselfIsRecognisedByTheOriginalIdItNames() {
        assertThat(returns.recognise(letter("new-7", "copy-1", null, null))).hasValueSatisfying(back -> {
            assertThat(back.original()).isEqualTo("dlq-1");
            assertThat(back.movedAs()).isEqualTo("copy-1");
            assertThat(back.letter().messageId()).isEqualTo("new-7");
        });
    }

    @Test
    void aCopyWhoseIdChangedIsRecognisedByThisReplaysMark() {
        assertThat(returns.recognise(letter("other-id", null, REPLAY, "dlq-1"))).hasValueSatisfying(back -> {
            assertThat(back.original()).isEqualTo("dlq-1");
            assertThat(back.movedAs()).isNull();
        });
    }

    @Test
    void messagesOfOtherFailuresOrEarlierReplaysAreNotThisReplays() {
        assertThat(returns.recognise(letter("fresh-1", null, null, null))).isEmpty();
        assertThat(returns.recognise(letter("fresh-2", "some-input-id", null, null))).isEmpty();
        assertThat(returns.recognise(letter("fresh-3", null, "r20251021T090000-000000", "dlq-0"))).isEmpty();
    }

    private static DeadLetter letter(String id, String originalId, String replayId, String replayedFrom) {
        return new DeadLetter(id, "receipt-" + id, "body", BodyFacts.of("body"), "sender", "poison", originalId, replayId,
                replayedFrom, 1, Instant.parse("2025-10-22T05:00:00Z"), Map.of());
    }
}
