package dev.placenotify.sender;

import dev.placenotify.model.env.DeliveryCheckEnv;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import dev.placenotify.testsupport.LocalAwsExtension;
import dev.placenotify.testsupport.LocalContext;
import dev.placenotify.testsupport.SqsEvents;
import dev.placenotify.testsupport.aws.AwsFaultProxy;
import dev.placenotify.testsupport.aws.LocalAws;
import dev.placenotify.testsupport.sim.Fault;
import dev.placenotify.testsupport.sim.SensLookupRoutes.Outcome;
import dev.placenotify.model.DeliveryReported;
import dev.placenotify.model.DeliveryStatus;
import dev.placenotify.model.OutcomeStatus;
import dev.placenotify.model.SmsJob;
import dev.placenotify.sender.SenderConfig;
import dev.placenotify.sender.SenderHandler;
import dev.placenotify.sender.delivery.DeliveryCheckConfig;
import dev.placenotify.sender.delivery.DeliveryCheckHandler;
import dev.placenotify.sender.delivery.DeliveryRecord;
import dev.placenotify.sender.delivery.DeliveryRecords;
import dev.placenotify.shell.EnvConfig;
import dev.placenotify.model.Topology;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Delivery results and UNKNOWN evidence end to end on ElasticMQ + dynalite + the SENS simulator: the real
 * sender enqueues the delayed checks, the real delivery-check handler (driven like Lambda's event source)
 * looks them up at SENS, records them on the idempotency records and reports them on the result queue.
 * Local delays are a second; the chain's logic is the deployed one.
 */
@ExtendWith(LocalAwsExtension.class)
class DeliveryChecksTest {
    private static final Map<String, String> FAST = Map.of(
            DeliveryCheckEnv.DELIVERY_FIRST_CHECK_SECONDS, "1", DeliveryCheckEnv.DELIVERY_CHECK_MAX_INTERVAL_SECONDS, "1",
            DeliveryCheckEnv.DELIVERY_CHECK_DEADLINE_SECONDS, "60", DeliveryCheckEnv.EVIDENCE_WINDOW_SECONDS, "3",
            DeliveryCheckEnv.SENS_LOOKUP_TIMEOUT_SECONDS, "1", "SENS_TIMEOUT_SECONDS", "1");

    /** The sender and the delivery-check function of one rig, with their queues. */
    private static final class Checks {
        final SenderRig rig;
        final Map<String, String> env;
        final String queue;
        final DeliveryRecords records;

        Checks(SenderRig rig, Map<String, String> overrides) {
            this.rig = rig;
            Map<String, String> e = new HashMap<>(rig.pipeline.env());
            e.putAll(FAST);
            e.putAll(overrides);
            e.put(DeliveryCheckEnv.DELIVERY_QUEUE_URL, rig.pipeline.resources().queueUrl(Topology.DELIVERY));
            e.put(DeliveryCheckEnv.DELIVERY_DLQ_URL, rig.pipeline.resources().dlqUrl(Topology.DELIVERY));
            this.env = Map.copyOf(e);
            this.queue = rig.pipeline.resources().queueUrl(Topology.DELIVERY);
            this.records = new DeliveryRecords(rig.pipeline.aws().dynamo(), rig.pipeline.table(Topology.IDEMPOTENCY));
        }

        SenderHandler sender() {
            return new SenderHandler(SenderConfig.from(new EnvConfig(env)), rig.clock);
        }

        DeliveryCheckHandler checker() {
            return checker(Map.of());
        }

        DeliveryCheckHandler checker(Map<String, String> overrides) {
            Map<String, String> e = new HashMap<>(env);
            e.putAll(overrides);
            return new DeliveryCheckHandler(DeliveryCheckConfig.from(new EnvConfig(e)), rig.clock);
        }

        /** Waits (real time: the checks are delayed SQS messages) for the next checks and runs them in one invocation. */
        List<Message> runNext(DeliveryCheckHandler handler) {
            List<Message> got = receive(Duration.ofSeconds(10));
            assertThat(got).as("a delivery check arrives").isNotEmpty();
            run(handler, got);
            return got;
        }

        List<Message> receive(Duration wait) {
            var sqs = rig.pipeline.aws().sqs();
            long deadline = System.nanoTime() + wait.toNanos();
            List<Message> got = new ArrayList<>();
            while (got.isEmpty() && System.nanoTime() < deadline) {
                got.addAll(sqs.receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(1)).messages());
            }
            return got;
        }

        SQSBatchResponse run(DeliveryCheckHandler handler, List<Message> messages) {
            SQSBatchResponse response = handler.handleRequest(SqsEvents.of(messages,
                    "arn:aws:sqs:ap-northeast-2:000000000000:delivery"), new LocalContext("delivery", Duration.ofSeconds(30)));
            SqsEvents.deleteSucceeded(rig.pipeline.aws().sqs(), queue, messages, SqsEvents.failedIds(response));
            return response;
        }

        /** Sends the very same check again (a redelivery or a DLQ replay). */
        void replay(Message m) {
            rig.pipeline.aws().sqs().sendMessage(b -> b.queueUrl(queue).messageBody(m.body()));
        }

        DeliveryRecord record(String key) {
            return records.find(key).orElseThrow();
        }

        List<DeliveryReported> reports(String key) {
            return rig.results().stream().filter(e -> e instanceof DeliveryReported r && r.job().idempotencyKey().equals(key))
                    .map(DeliveryReported.class::cast).toList();
        }

        int pendingChecks() {
            return rig.pipeline.depth(queue, true) + delayed();
        }

        int delayed() {
            return Integer.parseInt(rig.pipeline.aws().sqs().getQueueAttributes(b -> b.queueUrl(queue)
                    .attributeNamesWithStrings("ApproximateNumberOfMessagesDelayed")).attributesAsStrings()
                    .getOrDefault("ApproximateNumberOfMessagesDelayed", "0"));
        }
    }

    @Test
    void aDeliveredTextIsRecordedAndReportedOnceAndAReplayedCheckAsksSensNothing(LocalAws aws) {
        try (SenderRig rig = SenderRig.start(aws)) {
            Checks c = new Checks(rig, Map.of());
            SmsJob job = Jobs.confirmation("1051707", "d1", "01012345678");
            rig.enqueue(job);
            assertThat(rig.deliverVisible(c.sender()).allAcknowledged()).isTrue();
            assertThat(rig.record(job.idempotencyKey()).orElseThrow().providerRequestId()).as("SENS's requestId kept").startsWith("SIM-");

            List<Message> check = c.runNext(c.checker());

            DeliveryRecord r = c.record(job.idempotencyKey());
            assertThat(r.delivery()).isEqualTo(DeliveryStatus.DELIVERED);
            assertThat(r.deliveryFinal()).isTrue();
            assertThat(r.deliveryCode()).isEqualTo("0");
            assertThat(r.deliveryTelco()).isEqualTo("SKT");
            assertThat(r.deliveryAttempts()).isEqualTo(1);
            assertThat(c.reports(job.idempotencyKey())).singleElement().satisfies(d -> {
                assertThat(d.kind()).isEqualTo(DeliveryReported.Kind.DELIVERY);
                assertThat(d.status()).isEqualTo(DeliveryStatus.DELIVERED);
                assertThat(d.runId()).isEqualTo(Jobs.RUN_ID);
            });
            int lookups = rig.pipeline.sens.lookups().lookups();
            assertThat(lookups).as("the request's list, then the message's result").isEqualTo(2);

            // The same check again, twice, to a fresh instance: the record is final, SENS is not asked, nothing is sent.
            c.replay(check.get(0));
            c.replay(check.get(0));
            DeliveryCheckHandler fresh = c.checker();
            c.runNext(fresh);
            if (c.pendingChecks() > 0) {
                c.runNext(fresh);
            }
            assertThat(rig.pipeline.sens.lookups().lookups()).isEqualTo(lookups);
            assertThat(rig.pipeline.sens.messages()).hasSize(1);
            assertThat(c.record(job.idempotencyKey())).isEqualTo(r);
            assertThat(c.reports(job.idempotencyKey())).as("re-reported, for the notifier to count once")
                    .allSatisfy(d -> assertThat(d.status()).isEqualTo(DeliveryStatus.DELIVERED));
            assertThat(c.pendingChecks()).as("no further checks").isZero();
        }
    }

    /**
     * Crash point: the check recorded the final result and died before its report reached the notifier (its SQS is
     * gone). SQS delivers the check again; the next instance finds the record final, asks SENS nothing, sends
     * nothing, and reports it.
     */
    @Test
    void aCheckThatDiesAfterRecordingBeforeReportingIsReportedByItsRedeliveryWithoutAskingSensAgain(LocalAws aws) {
        try (SenderRig rig = SenderRig.start(aws); AwsFaultProxy sqs = AwsFaultProxy.to(rig.pipeline.aws().sqsEndpoint())) {
            Checks c = new Checks(rig, Map.of());
            SmsJob job = Jobs.confirmation("1051707", "d6", "01099990000");
            rig.enqueue(job);
            rig.deliverVisible(c.sender());
            List<Message> check = c.receive(Duration.ofSeconds(10));
            sqs.kill();

            SQSBatchResponse dying = c.run(c.checker(Map.of("SQS_ENDPOINT_URL", sqs.endpoint().toString())), check);

            assertThat(SqsEvents.failedIds(dying)).as("back to SQS").hasSize(1);
            assertThat(c.record(job.idempotencyKey()).delivery()).isEqualTo(DeliveryStatus.DELIVERED);
            assertThat(c.reports(job.idempotencyKey())).as("the report never left").isEmpty();
            int lookups = rig.pipeline.sens.lookups().lookups();

            // The visibility timeout (2 s here) passes and SQS delivers the check again, to a healthy instance.
            c.run(c.checker(), c.receive(Duration.ofSeconds(10)));

            assertThat(rig.pipeline.sens.lookups().lookups()).as("a final record is never asked again").isEqualTo(lookups);
            assertThat(c.reports(job.idempotencyKey())).singleElement()
                    .satisfies(d -> assertThat(d.status()).isEqualTo(DeliveryStatus.DELIVERED));
            assertThat(rig.pipeline.sens.countByKey(job.idempotencyKey())).isEqualTo(1);
            assertThat(c.pendingChecks()).isZero();
        }
    }

    @Test
    void aCarrierFailureIsRecordedWithItsCodeAndReason(LocalAws aws) {
        try (SenderRig rig = SenderRig.start(aws)) {
            Checks c = new Checks(rig, Map.of());
            SmsJob job = Jobs.confirmation("1051707", "d2", "01022223333");
            rig.pipeline.sens.lookups().setOutcome("01022223333", Outcome.failed("3018", "수신 거부"));
            rig.enqueue(job);
            rig.deliverVisible(c.sender());

            c.runNext(c.checker());

            DeliveryRecord r = c.record(job.idempotencyKey());
            assertThat(r.delivery()).isEqualTo(DeliveryStatus.FAILED);
            assertThat(r.deliveryCode()).isEqualTo("3018");
            assertThat(r.deliveryReason()).isEqualTo("수신 거부");
            assertThat(c.reports(job.idempotencyKey())).singleElement().satisfies(d -> {
                assertThat(d.status()).isEqualTo(DeliveryStatus.FAILED);
                assertThat(d.carrierCode()).isEqualTo("3018");
                assertThat(d.reason()).isEqualTo("수신 거부");
            });
            assertThat(c.pendingChecks()).isZero();
        }
    }

    @Test
    void aLateResultIsLookedUpAgainWithBackOffUntilFinal(LocalAws aws) {
        try (SenderRig rig = SenderRig.start(aws)) {
            Checks c = new Checks(rig, Map.of());
            SmsJob job = Jobs.confirmation("1051707", "d3", "01033334444");
            rig.pipeline.sens.lookups().setOutcome("01033334444", Outcome.late(2, Outcome.delivered()));
            rig.enqueue(job);
            rig.deliverVisible(c.sender());
            DeliveryCheckHandler checker = c.checker();

            c.runNext(checker);
            assertThat(c.record(job.idempotencyKey()).delivery()).isEqualTo(DeliveryStatus.PENDING);
            assertThat(c.record(job.idempotencyKey()).deliveryAttempts()).isEqualTo(1);
            assertThat(c.reports(job.idempotencyKey())).as("nothing final to report").isEmpty();
            c.runNext(checker);
            assertThat(c.record(job.idempotencyKey()).delivery()).isEqualTo(DeliveryStatus.PENDING);
            c.runNext(checker);

            DeliveryRecord r = c.record(job.idempotencyKey());
            assertThat(r.delivery()).isEqualTo(DeliveryStatus.DELIVERED);
            assertThat(r.deliveryAttempts()).isEqualTo(3);
            assertThat(c.reports(job.idempotencyKey())).singleElement()
                    .satisfies(d -> assertThat(d.status()).isEqualTo(DeliveryStatus.DELIVERED));
            assertThat(c.pendingChecks()).isZero();
            assertThat(rig.pipeline.sens.messages()).hasSize(1);
        }
    }

    @Test
    void aLookupThatTimesOutLeavesTheRecordPendingAndIsRetried(LocalAws aws) {
        try (SenderRig rig = SenderRig.start(aws)) {
            Checks c = new Checks(rig, Map.of());
            SmsJob job = Jobs.confirmation("1051707", "d4", "01044445555");
            rig.enqueue(job);
            rig.deliverVisible(c.sender());
            // The lookup hangs past the check's 1 s timeout.
            rig.pipeline.sens.enqueueFault(Fault.hangUnprocessed(Duration.ofSeconds(3)));
            DeliveryCheckHandler checker = c.checker();

            SQSBatchResponse first = c.run(checker, c.receive(Duration.ofSeconds(10)));

            assertThat(SqsEvents.failedIds(first)).as("handled: the next look is its own delayed check").isEmpty();
            DeliveryRecord pending = c.record(job.idempotencyKey());
            assertThat(pending.delivery()).isEqualTo(DeliveryStatus.PENDING);
            assertThat(pending.deliveryFinal()).isFalse();
            assertThat(pending.deliveryAttempts()).isEqualTo(1);
            assertThat(c.reports(job.idempotencyKey())).isEmpty();

            c.runNext(checker);
            assertThat(c.record(job.idempotencyKey()).delivery()).isEqualTo(DeliveryStatus.DELIVERED);
            assertThat(rig.pipeline.sens.messages()).hasSize(1);
        }
    }

    @Test
    void aResultThatNeverBecomesFinalIsGivenUpAtTheDeadline(LocalAws aws) {
        try (SenderRig rig = SenderRig.start(aws)) {
            Checks c = new Checks(rig, Map.of(DeliveryCheckEnv.DELIVERY_CHECK_DEADLINE_SECONDS, "2"));
            SmsJob job = Jobs.confirmation("1051707", "d5", "01055556666");
            rig.pipeline.sens.lookups().setOutcome(Outcome.neverFinal());
            rig.enqueue(job);
            rig.deliverVisible(c.sender());
            DeliveryCheckHandler checker = c.checker();

            for (int i = 0; i < 5 && c.pendingChecks() > 0; i++) {
                c.runNext(checker);
            }

            DeliveryRecord r = c.record(job.idempotencyKey());
            assertThat(r.delivery()).isEqualTo(DeliveryStatus.PENDING);
            assertThat(r.deliveryFinal()).as("never asked again").isTrue();
            assertThat(c.pendingChecks()).isZero();
            assertThat(c.reports(job.idempotencyKey())).isEmpty();
        }
    }

    @Test
    void anUnknownSendThatSensHasIsResolvedToSentWithItsDeliveryResult(LocalAws aws) {
        try (SenderRig rig = SenderRig.start(aws)) {
            Checks c = new Checks(rig, Map.of());
            SmsJob job = Jobs.confirmation("1051707", "u1", "01066667777");
            // A second text to the same customer with another text, which the evidence must not mistake for this one.
            SmsJob other = Jobs.confirmation("1051707", "u0", "01066667777");
            rig.enqueue(other);
            rig.deliverVisible(c.sender());
            rig.pipeline.sens.enqueueFault(Fault.hangProcessed(Duration.ofSeconds(3)));
            rig.enqueue(job);
            rig.deliverVisible(c.sender());
            assertThat(rig.record(job.idempotencyKey()).orElseThrow().outcome()).isEqualTo(OutcomeStatus.UNKNOWN);
            DeliveryCheckHandler checker = c.checker();

            for (int i = 0; i < 4 && c.record(job.idempotencyKey()).evidence() == null; i++) {
                c.runNext(checker);
            }

            DeliveryRecord r = c.record(job.idempotencyKey());
            assertThat(r.outcome()).isEqualTo(OutcomeStatus.SENT);
            assertThat(r.resolvedFrom()).isEqualTo("UNKNOWN");
            assertThat(r.evidence()).isEqualTo(DeliveryRecord.Evidence.FOUND);
            assertThat(r.evidenceDetail()).contains("010-****-7777").doesNotContain("01066667777");
            String requestId = rig.pipeline.sens.messages().stream()
                    .filter(m -> job.idempotencyKey().equals(m.idempotencyKey())).findFirst().orElseThrow().requestId();
            assertThat(r.providerRequestId()).isEqualTo(requestId);
            assertThat(r.delivery()).isEqualTo(DeliveryStatus.DELIVERED);
            assertThat(c.reports(job.idempotencyKey())).extracting(DeliveryReported::kind)
                    .containsExactly(DeliveryReported.Kind.FOUND, DeliveryReported.Kind.DELIVERY);
            assertThat(rig.pipeline.sens.countByKey(job.idempotencyKey())).as("never sent from this path").isEqualTo(1);
            assertThat(rig.pipeline.sens.messages()).as("the other text, then this one").hasSize(2);
        }
    }

    @Test
    void anUnknownSendThatSensNeverGotIsProvenAbsentOnceTheWindowClosed(LocalAws aws) {
        try (SenderRig rig = SenderRig.start(aws)) {
            Checks c = new Checks(rig, Map.of());
            SmsJob job = Jobs.confirmation("1051707", "u2", "01077778888");
            rig.pipeline.sens.enqueueFault(Fault.hangUnprocessed(Duration.ofSeconds(3)));
            rig.enqueue(job);
            rig.deliverVisible(c.sender());
            DeliveryCheckHandler checker = c.checker();

            c.runNext(checker);
            DeliveryRecord early = c.record(job.idempotencyKey());
            assertThat(early.evidence()).as("nothing yet, but the window is open").isEqualTo(DeliveryRecord.Evidence.PENDING);
            for (int i = 0; i < 6 && c.record(job.idempotencyKey()).evidence() != DeliveryRecord.Evidence.ABSENT; i++) {
                c.runNext(checker);
            }

            DeliveryRecord r = c.record(job.idempotencyKey());
            assertThat(r.outcome()).as("an operator decides").isEqualTo(OutcomeStatus.UNKNOWN);
            assertThat(r.evidence()).isEqualTo(DeliveryRecord.Evidence.ABSENT);
            assertThat(r.evidenceDetail()).contains("SENS lists no message to 010-****-8888").contains("KST");
            assertThat(c.reports(job.idempotencyKey())).singleElement()
                    .satisfies(d -> assertThat(d.kind()).isEqualTo(DeliveryReported.Kind.ABSENT));
            assertThat(c.pendingChecks()).isZero();
            assertThat(rig.pipeline.sens.messages()).as("nothing sent from this path").isEmpty();
        }
    }
}
