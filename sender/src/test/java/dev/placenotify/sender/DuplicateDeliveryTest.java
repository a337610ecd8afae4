package dev.placenotify.sender;

import static org.assertj.core.api.Assertions.assertThat;

import dev.placenotify.testsupport.LocalAwsExtension;
import dev.placenotify.testsupport.aws.LocalAws;
import dev.placenotify.model.OutcomeStatus;
import dev.placenotify.model.SendOutcome;
import dev.placenotify.model.SmsJob;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/** At-least-once delivery, concurrency, DLQ replay and crashes, all turning into one SMS per key. */
@ExtendWith(LocalAwsExtension.class)
class DuplicateDeliveryTest {

    @Test
    void theSameJobsDeliveredConcurrentlyToTwoSenderInstancesAreSentOnce(LocalAws aws) throws Exception {
        try (SenderRig rig = SenderRig.start(aws)) {
            rig.pipeline.sens.setLatency(Duration.ofMillis(300));
            List<SmsJob> jobs = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                jobs.add(Jobs.confirmation(i % 2 == 0 ? "1051707" : "951291", "p" + i, Jobs.phone(i)));
            }
            rig.enqueue(jobs);
            rig.enqueue(jobs);
            List<Message> all = rig.receiveExactly(40, Duration.ofSeconds(5));
            assertThat(all).hasSize(40);
            List<Message> first = new ArrayList<>();
            List<Message> second = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (Message m : all) {
                (seen.add(m.body()) ? first : second).add(m);
            }
            SenderHandler a = rig.handler();
            SenderHandler b = rig.handler();
            CyclicBarrier together = new CyclicBarrier(2);

            var da = CompletableFuture.supplyAsync(() -> {
                await(together);
                return rig.deliver(a, first);
            });
            var db = CompletableFuture.supplyAsync(() -> {
                await(together);
                return rig.deliver(b, second);
            });
            SenderRig.Delivery resultA = da.get();
            SenderRig.Delivery resultB = db.get();

            for (SmsJob job : jobs) {
                assertThat(rig.pipeline.sens.countByKey(job.idempotencyKey())).as(job.idempotencyKey()).isEqualTo(1);
                List<SendOutcome> firstHand = rig.outcomes(job.idempotencyKey()).stream().filter(o -> !o.replayed()).toList();
                assertThat(firstHand).singleElement().satisfies(o -> assertThat(o.status()).isEqualTo(OutcomeStatus.SENT));
            }
            // Each pair's loser was handed back (a live claim elsewhere) or acknowledged re-reporting the
            // winner's outcome (already settled).
            int handedBack = resultA.failedIds().size() + resultB.failedIds().size();
            long reReported = rig.results().stream().filter(e -> e instanceof SendOutcome o && o.replayed()).count();
            assertThat(handedBack + reReported).isEqualTo(20);

            // SQS redelivers the handed-back copies (here without waiting for the winner's claim to
            // expire, which is when SQS would): they are acknowledged without a send.
            if (handedBack > 0) {
                for (Message m : all) {
                    if (resultA.failedIds().contains(m.messageId()) || resultB.failedIds().contains(m.messageId())) {
                        rig.makeVisible(m);
                    }
                }
                List<Message> again = rig.receiveExactly(handedBack, Duration.ofSeconds(5));
                assertThat(again).hasSize(handedBack);
                assertThat(rig.deliver(rig.handler(), again).allAcknowledged()).isTrue();
            }
            assertThat(rig.pipeline.sens.messages()).hasSize(20);
            assertThat(rig.smsQueueDepth()).isZero();
        }
    }

    @Test
    void aJobReplayedFromTheDlqAfterItWasSentIsNotSentAgain(LocalAws aws) {
        try (SenderRig rig = SenderRig.start(aws)) {
            SmsJob job = Jobs.confirmation("1051707", "q1", "01012345678");
            rig.enqueue(job);
            assertThat(rig.deliverVisible(rig.handler()).allAcknowledged()).isTrue();
            assertThat(rig.pipeline.sens.countByKey(job.idempotencyKey())).isEqualTo(1);

            // The same job also sits in the DLQ (e.g. a copy whose result could not be published), and an
            // operator replays the DLQ.
            rig.enqueueToDlq(job);
            assertThat(rig.replayDlq()).isEqualTo(1);
            assertThat(rig.deliverVisible(rig.handler()).allAcknowledged()).isTrue();

            assertThat(rig.pipeline.sens.countByKey(job.idempotencyKey())).isEqualTo(1);
            assertThat(rig.pipeline.sens.httpRequests()).hasSize(1);
            assertThat(rig.outcomes(job.idempotencyKey())).hasSize(2).last().satisfies(o -> {
                assertThat(o.status()).isEqualTo(OutcomeStatus.SENT);
                assertThat(o.replayed()).isTrue();
                assertThat(o.providerRequestId()).isEqualTo(rig.pipeline.sens.messages().get(0).requestId());
            });
        }
    }

    @Test
    void aCrashBetweenClaimAndSendIsSentOnceAfterTheClaimExpires(LocalAws aws) {
        try (SenderRig rig = SenderRig.start(aws, Jobs.CYCLE, Map.of("RETRY_LATER_SECONDS", "1"))) {
            SmsJob job = Jobs.confirmation("1051707", "x1", "01012345678");
            // A sender claimed the job and died before calling SENS: its claim runs 4 more seconds.
            Instant claimExpiresAt = rig.clock.instant().plusSeconds(4);
            assertThat(rig.idempotency().claim(job.idempotencyKey(), job, rig.clock.instant(), claimExpiresAt))
                    .isInstanceOf(ClaimResult.Claimed.class);
            rig.enqueue(job);
            SenderHandler sender = rig.handler();

            SenderRig.Delivery first = rig.deliverVisible(sender);

            assertThat(first.failedIds()).as("a live claim: try later, do not send").hasSize(1);
            assertThat(rig.pipeline.sens.httpRequests()).isEmpty();

            // The redelivery is delayed until the claim has expired, not wasted on receives before it.
            List<Message> redelivered = rig.receive(1, Duration.ofSeconds(15));
            assertThat(redelivered).hasSize(1);
            assertThat(rig.clock.instant()).isAfter(claimExpiresAt);
            assertThat(redelivered.get(0).attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).isEqualTo("2");

            assertThat(rig.deliver(sender, redelivered).allAcknowledged()).isTrue();
            assertThat(rig.pipeline.sens.countByKey(job.idempotencyKey())).isEqualTo(1);
            assertThat(rig.outcomes(job.idempotencyKey())).singleElement()
                    .satisfies(o -> assertThat(o.status()).isEqualTo(OutcomeStatus.SENT));
        }
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
