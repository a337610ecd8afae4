package dev.placenotify.sender;

import dev.placenotify.model.items.IdempotencyRecord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.placenotify.testsupport.LocalAwsExtension;
import dev.placenotify.testsupport.aws.LocalAws;
import dev.placenotify.testsupport.sim.Fault;
import dev.placenotify.model.AlertCause;
import dev.placenotify.model.OutcomeStatus;
import dev.placenotify.model.SmsJob;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A request that went out and got no answer: UNKNOWN, and never sent again by the pipeline itself. */
@ExtendWith(LocalAwsExtension.class)
class UnknownOutcomeTest {
    private static final Map<String, String> ONE_SECOND_TIMEOUT = Map.of("SENS_TIMEOUT_SECONDS", "1");

    @Test
    void aHangPastTheClientTimeoutIsUnknownAndNeverResentEvenWhenSqsRedeliversIt(LocalAws aws) {
        try (SenderRig rig = SenderRig.start(aws, Jobs.CYCLE, ONE_SECOND_TIMEOUT)) {
            SmsJob job = Jobs.confirmation("1051707", "u1", "01012345678");
            rig.enqueue(job);
            // SENS takes the message but answers after 3 s; the sender gives up after 1 s.
            rig.pipeline.sens.enqueueFault(Fault.hangProcessed(Duration.ofSeconds(3)));
            SenderHandler sender = rig.handler(ONE_SECOND_TIMEOUT);

            SenderRig.Delivery d = rig.deliverVisible(sender);

            assertThat(d.allAcknowledged()).as("acknowledged, not handed back for a retry").isTrue();
            assertThat(rig.outcomes(job.idempotencyKey())).singleElement().satisfies(o -> {
                assertThat(o.status()).isEqualTo(OutcomeStatus.UNKNOWN);
                assertThat(o.runId()).isEqualTo(Jobs.RUN_ID);
            });
            assertThat(rig.alerts()).singleElement().satisfies(a -> {
                assertThat(a.cause()).isEqualTo(AlertCause.UNKNOWN_SEND);
                assertThat(a.detail()).doesNotContain("01012345678");
            });
            IdempotencyRecord record = rig.record(job.idempotencyKey()).orElseThrow();
            assertThat(record.settled()).isTrue();
            assertThat(record.outcome()).isEqualTo(OutcomeStatus.UNKNOWN);
            assertThat(record.jobJson()).as("kept for an operator's deliberate resend").contains(job.idempotencyKey());

            // SQS delivers the same job again (at-least-once), to this instance and to a fresh one.
            rig.enqueue(job);
            assertThat(rig.deliverVisible(sender).allAcknowledged()).isTrue();
            rig.enqueue(job);
            assertThat(rig.deliverVisible(rig.handler(ONE_SECOND_TIMEOUT)).allAcknowledged()).isTrue();

            awaitLateAnswer();
            assertThat(rig.pipeline.sens.httpRequests()).hasSize(1);
            assertThat(rig.pipeline.sens.countByKey(job.idempotencyKey())).isEqualTo(1);
            assertThat(rig.outcomes(job.idempotencyKey())).hasSize(3)
                    .allSatisfy(o -> assertThat(o.status()).isEqualTo(OutcomeStatus.UNKNOWN))
                    .filteredOn(o -> !o.replayed()).hasSize(1);
        }
    }

    @Test
    void evenWhenSensDidNotActTheSenderDoesNotGuess(LocalAws aws) {
        try (SenderRig rig = SenderRig.start(aws, Jobs.CYCLE, ONE_SECOND_TIMEOUT)) {
            SmsJob job = Jobs.confirmation("1051707", "u2", "01012345678");
            rig.enqueue(job);
            rig.pipeline.sens.enqueueFault(Fault.hangUnprocessed(Duration.ofSeconds(3)));
            SenderHandler sender = rig.handler(ONE_SECOND_TIMEOUT);

            assertThat(rig.deliverVisible(sender).allAcknowledged()).isTrue();
            rig.enqueue(job);
            assertThat(rig.deliverVisible(sender).allAcknowledged()).isTrue();

            assertThat(rig.pipeline.sens.countByKey(job.idempotencyKey())).isZero();
            assertThat(rig.pipeline.sens.httpRequests()).hasSize(1);
            assertThat(rig.record(job.idempotencyKey()).orElseThrow().outcome()).isEqualTo(OutcomeStatus.UNKNOWN);
        }
    }

    @Test
    void aConnectionDroppedAfterSendingIsUnknownToo(LocalAws aws) {
        try (SenderRig rig = SenderRig.start(aws)) {
            SmsJob job = Jobs.confirmation("1051707", "u3", "01012345678");
            rig.enqueue(job);
            rig.pipeline.sens.enqueueFault(Fault.drop());

            assertThat(rig.deliverVisible(rig.handler()).allAcknowledged()).isTrue();

            assertThat(rig.pipeline.sens.httpRequests()).hasSize(1);
            assertThat(rig.outcomes(job.idempotencyKey())).singleElement()
                    .satisfies(o -> assertThat(o.status()).isEqualTo(OutcomeStatus.UNKNOWN));
        }
    }

    /** Lets the simulator finish the hung exchange, so a late resend would have been seen. */
    private static void awaitLateAnswer() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
