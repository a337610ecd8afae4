package dev.placenotify.sender;

import dev.placenotify.model.items.IdempotencyRecord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.placenotify.testsupport.LocalAwsExtension;
import dev.placenotify.testsupport.aws.LocalAws;
import dev.placenotify.testsupport.sim.Fault;
import dev.placenotify.model.AlertCause;
import dev.placenotify.model.OutcomeStatus;
import dev.placenotify.model.SendOutcome;
import dev.placenotify.model.SmsJob;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Issue 13, item 1: a sender that dies, hangs or is cut off once its SENS request may have left. Each
 * test stops the sender at that point (the SENS simulator's delivery hook, a body stalled after 202, a
 * DynamoDB slowed past the reserve), lets SQS deliver the job again after its visibility timeout, and
 * asserts that the customer got one text and what the pipeline reported.
 */
@ExtendWith(LocalAwsExtension.class)
class CrashPointsTest {
    /** SENS calls of at most 2 s (1 s connect + 1 s answer); the Lambda runs 12 s. */
    private static final Map<String, String> FAST_SENS = Map.of("SENS_CONNECT_TIMEOUT_SECONDS", "1", "SENS_TIMEOUT_SECONDS", "1");
    private static final Duration LAMBDA_TIMEOUT = Duration.ofSeconds(12);
    /** What SQS waits before delivering a message again in production (6 x the 60 s function timeout). */
    private static final Duration SQS_VISIBILITY = Duration.ofSeconds(360);

    /** After SQS's visibility timeout: every copy of the job that is visible again, plus a replayed one. */
    private static List<Message> laterDeliveries(SenderRig rig, SmsJob job) {
        rig.enqueue(job); // an operator's replay, or the planner emitting the job again
        rig.advanceClock(SQS_VISIBILITY);
        sleep(SenderRig.VISIBILITY.plusMillis(500)); // the rig's queue redelivers after 2 s of real time
        return rig.receiveAll();
    }

    @Test
    void aBodyStalledAfter202PastTheLambdaDeadlineIsUnknownAndNeverSentAgain(LocalAws aws) {
        try (SenderRig rig = SenderRig.start(aws, Jobs.CYCLE, FAST_SENS)) {
            SmsJob job = Jobs.confirmation("1051707", "k1", "01012345678");
            rig.enqueue(job);
            // SENS takes the request and sends the 202 status line and headers; the body stalls for a minute.
            rig.pipeline.sens.enqueueFault(Fault.stallBody(Duration.ofSeconds(60)));

            SenderRig.Invocation first = rig.invoke(rig.instance(FAST_SENS), rig.receiveAll(), LAMBDA_TIMEOUT);
            List<Message> later = laterDeliveries(rig, job);
            SenderRig.Invocation second = rig.invoke(rig.instance(FAST_SENS), later, LAMBDA_TIMEOUT);

            assertThat(rig.pipeline.sens.countByKey(job.idempotencyKey())).isEqualTo(1);
            assertThat(rig.pipeline.sens.httpRequests()).hasSize(1);
            assertThat(first.killed()).as("the SENS call ends at its own deadline, inside the invocation").isFalse();
            assertThat(first.took()).isLessThan(LAMBDA_TIMEOUT);
            assertThat(second.failedIds()).isEmpty();
            List<SendOutcome> firstHand = rig.outcomes(job.idempotencyKey()).stream().filter(o -> !o.replayed()).toList();
            assertThat(firstHand).singleElement().satisfies(o -> {
                assertThat(o.status()).isEqualTo(OutcomeStatus.UNKNOWN);
                assertThat(o.error()).contains("202");
            });
            assertThat(rig.record(job.idempotencyKey()).orElseThrow().outcome()).isEqualTo(OutcomeStatus.UNKNOWN);
        }
    }

    @Test
    void aSenderThatDiesOnceItsRequestReachedSensLeavesAnUnknownNotASecondText(LocalAws aws) {
        try (SenderRig rig = SenderRig.start(aws, Jobs.CYCLE, FAST_SENS)) {
            SmsJob job = Jobs.confirmation("1051707", "k2", "01012345678");
            SmsJob mate = Jobs.confirmation("1051707", "k3", "01012345679");
            rig.enqueue(job, mate);
            SenderRig.Instance dying = rig.instance(FAST_SENS);
            // The moment SENS has the request, the sender's process is gone: no outcome is recorded or published.
            rig.pipeline.sens.onDelivered(delivered -> dying.kill());

            SenderRig.Invocation first = rig.invoke(dying, rig.receiveExactly(2, Duration.ofSeconds(5)), LAMBDA_TIMEOUT);
            rig.pipeline.sens.onDelivered(null);
            assertThat(first.killed()).isTrue();
            assertThat(rig.pipeline.sens.messages()).hasSize(2);

            List<Message> later = laterDeliveries(rig, job);
            assertThat(later).as("both undeleted messages and the replayed copy").hasSize(3);
            SenderRig.Invocation second = rig.invoke(rig.instance(FAST_SENS), later, LAMBDA_TIMEOUT);

            assertThat(rig.pipeline.sens.countByKey(job.idempotencyKey())).isEqualTo(1);
            assertThat(rig.pipeline.sens.countByKey(mate.idempotencyKey())).isEqualTo(1);
            assertThat(rig.pipeline.sens.httpRequests()).hasSize(1);
            assertThat(second.failedIds()).isEmpty();
            for (SmsJob j : List.of(job, mate)) {
                assertThat(rig.outcomes(j.idempotencyKey()).stream().filter(o -> !o.replayed()).toList())
                        .singleElement().satisfies(o -> assertThat(o.status()).isEqualTo(OutcomeStatus.UNKNOWN));
                IdempotencyRecord r = rig.record(j.idempotencyKey()).orElseThrow();
                assertThat(r.settled()).isTrue();
                assertThat(r.outcome()).isEqualTo(OutcomeStatus.UNKNOWN);
            }
            assertThat(rig.alerts()).isNotEmpty().allSatisfy(a -> {
                assertThat(a.cause()).isEqualTo(AlertCause.UNKNOWN_SEND);
                assertThat(a.detail()).doesNotContain("01012345678");
            });
        }
    }

    @Test
    void dynamoSlowedPastTheReserveAfterSensAcceptedNeverLeadsToASecondText(LocalAws aws) {
        try (SenderRig rig = SenderRig.start(aws, Jobs.CYCLE, FAST_SENS)) {
            SmsJob job = Jobs.confirmation("1051707", "k4", "01012345678");
            rig.enqueue(job);
            SenderRig.Instance slowed = rig.instance(FAST_SENS);
            // Once SENS has accepted, every DynamoDB call of this instance takes 30 s (a throttled, sick table).
            rig.pipeline.sens.onDelivered(delivered -> slowed.dynamo().slowDown(Duration.ofSeconds(30)));

            SenderRig.Invocation first = rig.invoke(slowed, rig.receiveAll(), LAMBDA_TIMEOUT);
            rig.pipeline.sens.onDelivered(null);
            List<Message> later = laterDeliveries(rig, job);
            SenderRig.Invocation second = rig.invoke(rig.instance(FAST_SENS), later, LAMBDA_TIMEOUT);

            assertThat(rig.pipeline.sens.countByKey(job.idempotencyKey())).isEqualTo(1);
            assertThat(rig.pipeline.sens.httpRequests()).hasSize(1);
            assertThat(first.killed()).as("every DynamoDB call is bounded, so the invocation ends in time").isFalse();
            assertThat(first.failedIds()).isEmpty();
            assertThat(second.failedIds()).isEmpty();
            // What the sender knew first-hand is what it reported: SENS accepted it.
            assertThat(rig.outcomes(job.idempotencyKey())).first()
                    .satisfies(o -> assertThat(o.status()).isEqualTo(OutcomeStatus.SENT));
            // The later copy found the record still marked as sending and did not guess: UNKNOWN, no text.
            assertThat(rig.outcomes(job.idempotencyKey())).last()
                    .satisfies(o -> assertThat(o.status()).isEqualTo(OutcomeStatus.UNKNOWN));
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
