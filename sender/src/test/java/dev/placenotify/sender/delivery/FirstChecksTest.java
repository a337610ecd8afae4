package dev.placenotify.sender.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.placenotify.model.Alert;
import dev.placenotify.model.AlertCause;
import dev.placenotify.model.DeliveryCheck;
import dev.placenotify.model.JobRef;
import dev.placenotify.model.OutcomeStatus;
import dev.placenotify.model.RunEvent;
import dev.placenotify.model.SendOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FirstChecksTest {
    private static final Instant AT = Instant.parse("2025-10-22T05:00:02Z");

    private static SendOutcome outcome(String key, OutcomeStatus status, boolean replayed) {
        return SendOutcome.of("c20251022T1400", new JobRef("1051707", "5011", "CONFIRMATION", "예약확정", key, null, "김*수", "5678"),
                status, "R1", null, AT, replayed);
    }

    @Test
    void sentTextsGetAResultCheckAndUnknownOnesAnEvidenceCheckFirstHandOnly() {
        List<RunEvent> events = List.of(outcome("a", OutcomeStatus.SENT, false), outcome("b", OutcomeStatus.UNKNOWN, false),
                outcome("c", OutcomeStatus.SENT, true), outcome("d", OutcomeStatus.FAILED, false),
                outcome("e", OutcomeStatus.EXPIRED, false), outcome("f", OutcomeStatus.SKIPPED, false),
                Alert.of("c20251022T1400", AlertCause.UNKNOWN_SEND, "sens", "x", AT));

        List<DeliveryCheck> checks = DeliveryChecks.firstChecks(events, Duration.ofMinutes(2));

        assertThat(checks).extracting(DeliveryCheck::key, DeliveryCheck::purpose).containsExactly(
                org.assertj.core.groups.Tuple.tuple("a", DeliveryCheck.Purpose.RESULT),
                org.assertj.core.groups.Tuple.tuple("b", DeliveryCheck.Purpose.EVIDENCE));
        assertThat(checks).allSatisfy(c -> {
            assertThat(c.sentAt()).isEqualTo(AT);
            assertThat(c.notBefore()).isEqualTo(AT.plus(Duration.ofMinutes(2)));
            assertThat(c.attempt()).isZero();
            assertThat(c.runId()).isEqualTo("c20251022T1400");
        });
    }
}
