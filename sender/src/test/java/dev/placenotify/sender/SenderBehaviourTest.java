package dev.placenotify.sender;

import static org.assertj.core.api.Assertions.assertThat;

import dev.placenotify.testsupport.LocalAwsExtension;
import dev.placenotify.testsupport.aws.LocalAws;
import dev.placenotify.testsupport.sim.Fault;
import dev.placenotify.testsupport.sim.SensMessage;
import dev.placenotify.testsupport.sim.SensSimulator;
import dev.placenotify.testsupport.sim.SimResponse;
import dev.placenotify.model.MessageCodec;
import dev.placenotify.model.SendOutcome;
import dev.placenotify.model.Messages;
import dev.placenotify.model.OutcomeStatus;
import dev.placenotify.model.SmsJob;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Batching, ordering, quiet hours and dry-run on the real handler. */
@ExtendWith(LocalAwsExtension.class)
class SenderBehaviourTest {

    @Test
    void jobsOfOneSenderNumberShareRequestsOfAtMostHundred(LocalAws aws) {
        try (SenderRig rig = SenderRig.start(aws)) {
            List<SmsJob> jobs = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                // 80 from one store (one number), 20 from another.
                jobs.add(Jobs.confirmation(i < 80 ? "1051707" : "951291", "g" + i, Jobs.phone(i)));
            }
            rig.enqueue(jobs);

            SenderRig.Delivery d = rig.deliver(rig.handler(), rig.receiveExactly(100, Duration.ofSeconds(5)));

            assertThat(d.size()).isEqualTo(100);
            assertThat(d.allAcknowledged()).isTrue();
            assertThat(rig.pipeline.sens.httpRequests()).hasSize(2);
            Map<String, Long> perRequest = rig.pipeline.sens.messages().stream()
                    .collect(Collectors.groupingBy(SensMessage::requestId, Collectors.counting()));
            assertThat(perRequest.values()).containsExactlyInAnyOrder(80L, 20L);
            assertThat(jobs).allSatisfy(j -> assertThat(rig.pipeline.sens.countByKey(j.idempotencyKey())).isEqualTo(1));
            // Each recipient got its own content.
            SmsJob some = jobs.get(42);
            assertThat(rig.pipeline.sens.messagesTo(some.recipient())).singleElement()
                    .satisfies(m -> assertThat(m.content()).isEqualTo(some.content()));
            assertThat(rig.results()).filteredOn(e -> e instanceof dev.placenotify.model.SendOutcome).hasSize(100);
        }
    }

    @Test
    void aReminderInTheSameBatchAsItsConfirmationLeavesAfterIt(LocalAws aws) {
        try (SenderRig rig = SenderRig.start(aws)) {
            SmsJob confirmation = Jobs.confirmation("1051707", "o1", "01012345678");
            SmsJob reminder = Jobs.reminderAfter(confirmation);
            rig.enqueue(reminder, confirmation);

            assertThat(rig.deliver(rig.handler(), rig.receiveExactly(2, Duration.ofSeconds(5))).allAcknowledged()).isTrue();

            List<SensMessage> sent = rig.pipeline.sens.messages();
            assertThat(sent).extracting(SensMessage::idempotencyKey)
                    .containsExactly(confirmation.idempotencyKey(), reminder.idempotencyKey());
        }
    }

    @Test
    void aReminderWhoseConfirmationIsNotSettledWaitsForIt(LocalAws aws) {
        try (SenderRig rig = SenderRig.start(aws, Jobs.CYCLE, Map.of("RETRY_LATER_SECONDS", "1"))) {
            SmsJob confirmation = Jobs.confirmation("1051707", "o2", "01012345678");
            SmsJob reminder = Jobs.reminderAfter(confirmation);
            rig.enqueue(reminder);
            var sender = rig.handler();

            // Acknowledged and put back on the queue as a fresh message, delayed: waiting costs no receives.
            assertThat(rig.deliverVisible(sender).allAcknowledged()).isTrue();
            assertThat(rig.pipeline.sens.httpRequests()).isEmpty();
            assertThat(rig.record(reminder.idempotencyKey())).as("claim given back while waiting").isEmpty();
            assertThat(rig.outcomes(reminder.idempotencyKey())).as("nothing to report yet").isEmpty();

            rig.enqueue(confirmation);
            List<Message> both = rig.receiveExactly(2, Duration.ofSeconds(5));
            assertThat(both).hasSize(2);
            assertThat(both).extracting(m -> m.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
                    .containsOnly("1");
            assertThat(rig.deliver(sender, both).allAcknowledged()).isTrue();
            assertThat(rig.pipeline.sens.messages()).extracting(SensMessage::idempotencyKey)
                    .containsExactly(confirmation.idempotencyKey(), reminder.idempotencyKey());
        }
    }

    @Test
    void aReminderStillWaitingOnWhatWouldBeItsLastReceiveIsNotDeadLettered(LocalAws aws) {
        try (SenderRig rig = SenderRig.start(aws)) {
            SmsJob reminder = Jobs.reminderAfter(Jobs.confirmation("1051707", "o3", "01012345678"));
            rig.enqueue(reminder);

            SenderRig.Delivery d = rig.deliverVisible(rig.handler(Map.of("SMS_MAX_RECEIVES", "1")));

            assertThat(d.allAcknowledged()).as("not left to the redrive policy").isTrue();
            assertThat(rig.pipeline.sens.httpRequests()).isEmpty();
            assertThat(rig.outcomes(reminder.idempotencyKey())).as("still waiting: no outcome").isEmpty();
            List<Message> copy = rig.receive(1, Duration.ofSeconds(5));
            assertThat(copy).singleElement().satisfies(m -> {
                assertThat(MessageCodec.decode(m.body(), SmsJob.class)).isEqualTo(reminder);
                assertThat(m.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).isEqualTo("1");
            });
            assertThat(rig.dlqDepth()).isZero();
        }
    }

    @Test
    void aReminderWhoseConfirmationIsThrottledThreeTimesGoesAfterItAndNeitherReachesTheDlq(LocalAws aws) {
        // The confirmation comes back only after the queue's visibility timeout (here 8 s, 360 s deployed)
        // while the reminder, waiting for it, is looked at again every second.
        try (SenderRig rig = SenderRig.start(aws, Jobs.CYCLE, Map.of("RETRY_LATER_SECONDS", "1"), Duration.ofSeconds(8))) {
            SmsJob confirmation = Jobs.confirmation("1051707", "o4", "01012345678");
            SmsJob reminder = Jobs.reminderAfter(confirmation);
            rig.enqueue(confirmation, reminder);
            rig.pipeline.sens.enqueueFault(SensSimulator.errorFault(429, "Too Many Requests"), 3);
            var sender = rig.handler();

            long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
            while (rig.pipeline.sens.messages().size() < 2 && System.nanoTime() < deadline) {
                List<Message> visible = rig.receive(10, Duration.ofSeconds(1));
                if (!visible.isEmpty()) {
                    rig.deliver(sender, visible);
                }
            }

            assertThat(rig.pipeline.sens.messages()).extracting(SensMessage::idempotencyKey)
                    .containsExactly(confirmation.idempotencyKey(), reminder.idempotencyKey());
            assertThat(rig.dlqDepth()).isZero();
            assertThat(rig.results()).filteredOn(e -> e instanceof SendOutcome).extracting(e -> ((SendOutcome) e).status())
                    .containsOnly(OutcomeStatus.SENT).hasSize(2);
        }
    }

    @Test
    void aReminderWhoseConfirmationCannotSettleAnyMoreGoesWithoutIt(LocalAws aws) {
        // The confirmation would have left the SMS queue for the DLQ by now: the reminder, which carries what
        // the customer needs to get in, is not held for it.
        try (SenderRig rig = SenderRig.start(aws, Jobs.CYCLE.plusSeconds(61), Map.of("AFTER_KEY_MAX_WAIT_SECONDS", "60"))) {
            SmsJob reminder = Jobs.reminderAfter(Jobs.confirmation("1051707", "o5", "01012345678"));
            rig.enqueue(reminder);

            assertThat(rig.deliverVisible(rig.handler()).allAcknowledged()).isTrue();

            assertThat(rig.pipeline.sens.countByKey(reminder.idempotencyKey())).isEqualTo(1);
            assertThat(rig.outcomes(reminder.idempotencyKey())).singleElement()
                    .satisfies(o -> assertThat(o.status()).isEqualTo(OutcomeStatus.SENT));
        }
    }

    @Test
    void aWaitingReminderPastItsNotAfterIsExpiredInsteadOfWaitingOn(LocalAws aws) {
        try (SenderRig rig = SenderRig.start(aws)) {
            SmsJob reminder = Jobs.withNotAfter(Jobs.reminderAfter(Jobs.confirmation("1051707", "o6", "01012345678")),
                    Jobs.CYCLE.plusSeconds(2));
            rig.enqueue(reminder);
            var sender = rig.handler();
            assertThat(rig.deliverVisible(sender).allAcknowledged()).isTrue();

            // Its confirmation never comes: the copies come back (each a new message) until the reminder is stale.
            int looks = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (rig.outcomes(reminder.idempotencyKey()).isEmpty() && System.nanoTime() < deadline) {
                List<Message> copy = rig.receive(1, Duration.ofSeconds(2));
                if (!copy.isEmpty()) {
                    looks++;
                    assertThat(rig.deliver(sender, copy).allAcknowledged()).isTrue();
                }
            }

            assertThat(looks).as("a look every second at most, the last just after notAfter").isBetween(1, 3);
            assertThat(rig.clock.instant()).isAfter(reminder.notAfter());
            assertThat(rig.pipeline.sens.httpRequests()).isEmpty();
            assertThat(rig.outcomes(reminder.idempotencyKey())).singleElement()
                    .satisfies(o -> assertThat(o.status()).isEqualTo(OutcomeStatus.EXPIRED));
            assertThat(rig.smsQueueDepth()).isZero();
        }
    }

    private static Instant kst(int hour, int minute, int second) {
        return LocalDateTime.of(2025, 10, 22, hour, minute, second).atZone(Messages.KST).toInstant();
    }

    @Test
    void anEventAdPlannedBeforeNineButSentAfterIsSkippedNotPostponed(LocalAws aws) {
        try (SenderRig rig = SenderRig.start(aws, kst(21, 0, 5), Map.of())) {
            SmsJob ad = Jobs.eventAd("1051707", "a1", "01012345678", kst(20, 40, 0));
            rig.enqueue(ad);

            assertThat(rig.deliverVisible(rig.handler()).allAcknowledged()).isTrue();

            assertThat(rig.pipeline.sens.httpRequests()).isEmpty();
            assertThat(rig.outcomes(ad.idempotencyKey())).singleElement().satisfies(o -> {
                assertThat(o.status()).isEqualTo(OutcomeStatus.SKIPPED);
                assertThat(o.error()).contains("quiet hours");
            });
            assertThat(rig.record(ad.idempotencyKey()).orElseThrow().outcome()).isEqualTo(OutcomeStatus.SKIPPED);
        }
    }

    @Test
    void anEventAdThrottledAcrossNineIsNotSentOnTheRetry(LocalAws aws) {
        // First attempt at 20:59:58.5, SENS says "retry after 2 s": the retry would leave after 21:00.
        try (SenderRig rig = SenderRig.start(aws, kst(20, 59, 58).plusMillis(500), Map.of())) {
            SmsJob ad = Jobs.eventAd("1051707", "a3", "01012345678", kst(20, 40, 0));
            rig.enqueue(ad);
            rig.pipeline.sens.enqueueFault(Fault.respond(SimResponse.json(429, "{\"status\":\"429\"}").withHeader("Retry-After", "2")));

            assertThat(rig.deliverVisible(rig.handler()).allAcknowledged()).isTrue();

            // (The advertisement's unsubscribe-list read is a GET beside it, not a send.)
            assertThat(rig.pipeline.sens.httpRequests()).filteredOn(r -> r.path().endsWith("/messages"))
                    .as("the throttled attempt only").hasSize(1);
            assertThat(rig.pipeline.sens.messages()).isEmpty();
            assertThat(rig.outcomes(ad.idempotencyKey())).singleElement().satisfies(o -> {
                assertThat(o.status()).isEqualTo(OutcomeStatus.SKIPPED);
                assertThat(o.error()).contains("quiet hours");
            });
            assertThat(rig.record(ad.idempotencyKey()).orElseThrow().outcome()).isEqualTo(OutcomeStatus.SKIPPED);
        }
    }

    @Test
    void anEventAdBeforeNineIsSent(LocalAws aws) {
        try (SenderRig rig = SenderRig.start(aws, kst(20, 41, 0), Map.of())) {
            SmsJob ad = Jobs.eventAd("1051707", "a2", "01012345678", kst(20, 40, 0));
            rig.enqueue(ad);

            assertThat(rig.deliverVisible(rig.handler()).allAcknowledged()).isTrue();

            assertThat(rig.pipeline.sens.messages()).singleElement().satisfies(m -> {
                assertThat(m.contentType()).isEqualTo("AD");
                assertThat(m.content()).startsWith("(광고)");
            });
        }
    }

    @Test
    void dryRunDoesEverythingButTheCallAndNeverBlocksTheRealSend(LocalAws aws) {
        try (SenderRig rig = SenderRig.start(aws)) {
            SmsJob job = Jobs.confirmation("1051707", "y1", "01012345678");
            rig.enqueue(job);

            assertThat(rig.deliverVisible(rig.handler(Map.of("DRY_RUN", "true"))).allAcknowledged()).isTrue();

            assertThat(rig.pipeline.sens.httpRequests()).isEmpty();
            assertThat(rig.outcomes(job.idempotencyKey())).singleElement().satisfies(o -> {
                assertThat(o.status()).isEqualTo(OutcomeStatus.SKIPPED);
                assertThat(o.error()).contains("dry-run");
                assertThat(o.runId()).isEqualTo(Jobs.RUN_ID);
            });
            var shadow = rig.record("dry-run:" + job.idempotencyKey()).orElseThrow();
            assertThat(shadow.jobJson()).as("what it would have sent").contains(job.content());
            assertThat(rig.record(job.idempotencyKey())).isEmpty();

            // Cutover: the real sender gets the same job and sends it.
            rig.enqueue(job);
            assertThat(rig.deliverVisible(rig.handler()).allAcknowledged()).isTrue();
            assertThat(rig.pipeline.sens.countByKey(job.idempotencyKey())).isEqualTo(1);
            assertThat(Set.copyOf(rig.outcomes(job.idempotencyKey()).stream().map(o -> o.status()).toList()))
                    .containsExactlyInAnyOrder(OutcomeStatus.SKIPPED, OutcomeStatus.SENT);
        }
    }
}
