package dev.placenotify.local.sender;

import static org.assertj.core.api.Assertions.assertThat;

import dev.placenotify.local.LocalAwsExtension;
import dev.placenotify.local.aws.LocalAws;
import dev.placenotify.local.sim.SensMessage;
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

            assertThat(rig.deliverVisible(sender).failedIds()).hasSize(1);
            assertThat(rig.pipeline.sens.httpRequests()).isEmpty();
            assertThat(rig.record(reminder.idempotencyKey())).as("claim given back while waiting").isEmpty();

            rig.enqueue(confirmation);
            List<Message> both = rig.receiveExactly(2, Duration.ofSeconds(5));
            assertThat(both).hasSize(2);
            assertThat(rig.deliver(sender, both).allAcknowledged()).isTrue();
            assertThat(rig.pipeline.sens.messages()).extracting(SensMessage::idempotencyKey)
                    .containsExactly(confirmation.idempotencyKey(), reminder.idempotencyKey());
        }
    }

    @Test
    void aReminderStillWaitingOnItsLastReceiveIsReportedAsFailed(LocalAws aws) {
        try (SenderRig rig = SenderRig.start(aws)) {
            SmsJob reminder = Jobs.reminderAfter(Jobs.confirmation("1051707", "o3", "01012345678"));
            rig.enqueue(reminder);

            SenderRig.Delivery d = rig.deliverVisible(rig.handler(Map.of("SMS_MAX_RECEIVES", "1")));

            assertThat(d.failedIds()).as("left to the DLQ").hasSize(1);
            assertThat(rig.pipeline.sens.httpRequests()).isEmpty();
            assertThat(rig.outcomes(reminder.idempotencyKey())).singleElement().satisfies(o -> {
                assertThat(o.status()).isEqualTo(OutcomeStatus.FAILED);
                assertThat(o.error()).contains("waits for").contains("DLQ");
            });
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
