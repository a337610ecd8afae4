package dev.placenotify.sender;

import dev.placenotify.model.items.IdempotencyRecord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.placenotify.testsupport.LocalAwsExtension;
import dev.placenotify.testsupport.aws.LocalAws;
import dev.placenotify.testsupport.sim.Fault;
import dev.placenotify.testsupport.sim.SensSimulator;
import dev.placenotify.testsupport.sim.SimRequest;
import dev.placenotify.testsupport.sim.SimResponse;
import dev.placenotify.model.AlertCause;
import dev.placenotify.model.OutcomeStatus;
import dev.placenotify.model.SendOutcome;
import dev.placenotify.model.SmsJob;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SENS failing in each of its ways, against the real handler, ElasticMQ, dynalite and the SENS simulator. */
@ExtendWith(LocalAwsExtension.class)
class SensFaultsTest {

    @Test
    void unavailableTwiceThenAcceptedIsSentOnce(LocalAws aws) {
        try (SenderRig rig = SenderRig.start(aws)) {
            SmsJob job = Jobs.confirmation("1051707", "b1", "01012345678");
            rig.enqueue(job);
            rig.pipeline.sens.enqueueFault(SensSimulator.errorFault(503, "Service Unavailable"), 2);

            SenderRig.Delivery d = rig.deliverVisible(rig.handler());

            assertThat(d.allAcknowledged()).isTrue();
            assertThat(rig.pipeline.sens.httpRequests()).hasSize(3);
            assertThat(rig.pipeline.sens.countByKey(job.idempotencyKey())).isEqualTo(1);
            List<SendOutcome> outcomes = rig.outcomes(job.idempotencyKey());
            assertThat(outcomes).singleElement().satisfies(o -> {
                assertThat(o.status()).isEqualTo(OutcomeStatus.SENT);
                assertThat(o.runId()).isEqualTo(Jobs.RUN_ID);
                assertThat(o.providerRequestId()).isEqualTo(rig.pipeline.sens.messages().get(0).requestId());
                assertThat(o.replayed()).isFalse();
            });
            IdempotencyRecord r = rig.record(job.idempotencyKey()).orElseThrow();
            assertThat(r.settled()).isTrue();
            assertThat(r.outcome()).isEqualTo(OutcomeStatus.SENT);
            assertThat(rig.smsQueueDepth()).isZero();
        }
    }

    /** A gateway error can come after SENS sent the text: only 429 and 503 prove nothing went out. */
    @ParameterizedTest(name = "SENS sends, then answers {0}")
    @ValueSource(ints = {500, 502, 504})
    void aServerErrorAfterSensActedIsUnknownAndNeverSentAgain(int status, LocalAws aws) {
        try (SenderRig rig = SenderRig.start(aws)) {
            SmsJob job = Jobs.confirmation("1051707", "s" + status, "01012345678");
            rig.enqueue(job);
            rig.pipeline.sens.failAfterDelivering(status, "gateway failure", 1);
            SenderHandler sender = rig.handler();

            SenderRig.Delivery d = rig.deliverVisible(sender);

            assertThat(d.allAcknowledged()).as("not handed back for a retry").isTrue();
            assertThat(rig.pipeline.sens.httpRequests()).as("no retry in process").hasSize(1);
            assertThat(rig.outcomes(job.idempotencyKey())).singleElement().satisfies(o -> {
                assertThat(o.status()).isEqualTo(OutcomeStatus.UNKNOWN);
                assertThat(o.error()).contains(Integer.toString(status));
            });
            assertThat(rig.alerts()).singleElement().satisfies(a -> assertThat(a.cause()).isEqualTo(AlertCause.UNKNOWN_SEND));
            assertThat(rig.record(job.idempotencyKey()).orElseThrow().outcome()).isEqualTo(OutcomeStatus.UNKNOWN);

            // Delivered again (SQS at least once, or a replay): nothing more reaches SENS.
            rig.enqueue(job);
            assertThat(rig.deliverVisible(rig.handler()).allAcknowledged()).isTrue();
            assertThat(rig.pipeline.sens.httpRequests()).hasSize(1);
            assertThat(rig.pipeline.sens.countByKey(job.idempotencyKey())).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "SENS answers {0} first")
    @ValueSource(ints = {429, 503})
    void answersThatProveNothingWasSentAreRetriedAndSentOnce(int status, LocalAws aws) {
        try (SenderRig rig = SenderRig.start(aws)) {
            SmsJob job = Jobs.confirmation("1051707", "t" + status, "01012345678");
            rig.enqueue(job);
            rig.pipeline.sens.enqueueFault(SensSimulator.errorFault(status, "try later"));

            assertThat(rig.deliverVisible(rig.handler()).allAcknowledged()).isTrue();

            assertThat(rig.pipeline.sens.httpRequests()).hasSize(2);
            assertThat(rig.pipeline.sens.countByKey(job.idempotencyKey())).isEqualTo(1);
            assertThat(rig.outcomes(job.idempotencyKey())).singleElement()
                    .satisfies(o -> assertThat(o.status()).isEqualTo(OutcomeStatus.SENT));
        }
    }

    @Test
    void tooManyRequestsBacksOffExponentiallyAndHonoursRetryAfter(LocalAws aws) {
        // Back-off base 200 ms: the first pause is 100-200 ms, the second 200-400 ms; Retry-After: 1 wins over both.
        try (SenderRig rig = SenderRig.start(aws, Jobs.CYCLE, Map.of("SENS_BACKOFF_SECONDS", "0.2", "SENS_MAX_ATTEMPTS", "4"))) {
            SmsJob job = Jobs.confirmation("1051707", "b2", "01012345678");
            rig.enqueue(job);
            rig.pipeline.sens.enqueueFault(SensSimulator.errorFault(429, "Too Many Requests"), 2);
            rig.pipeline.sens.enqueueFault(Fault.respond(SimResponse.json(429, "{\"status\":\"429\",\"errorMessage\":\"slow down\"}")
                    .withHeader("Retry-After", "1")));

            assertThat(rig.deliverVisible(rig.handler()).allAcknowledged()).isTrue();

            List<SimRequest> calls = rig.pipeline.sens.httpRequests();
            assertThat(calls).hasSize(4);
            assertThat(gap(calls, 0)).isGreaterThanOrEqualTo(Duration.ofMillis(100));
            assertThat(gap(calls, 1)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
            assertThat(gap(calls, 2)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
            assertThat(rig.pipeline.sens.countByKey(job.idempotencyKey())).isEqualTo(1);
            assertThat(rig.outcomes(job.idempotencyKey())).singleElement()
                    .satisfies(o -> assertThat(o.status()).isEqualTo(OutcomeStatus.SENT));
        }
    }

    private static Duration gap(List<SimRequest> calls, int i) {
        return Duration.between(calls.get(i).receivedAt(), calls.get(i + 1).receivedAt());
    }

    @Test
    void throttledBeyondTheBudgetGoesBackToSqsUnclaimedAndIsSentOnRedelivery(LocalAws aws) {
        try (SenderRig rig = SenderRig.start(aws)) {
            SmsJob job = Jobs.confirmation("1051707", "b3", "01012345678");
            rig.enqueue(job);
            rig.pipeline.sens.enqueueFault(SensSimulator.errorFault(429, "Too Many Requests"), 3);
            SenderHandler sender = rig.handler();

            SenderRig.Delivery first = rig.deliverVisible(sender);

            assertThat(first.failedIds()).hasSize(1);
            assertThat(rig.record(job.idempotencyKey())).as("the claim is given back").isEmpty();
            assertThat(rig.outcomes(job.idempotencyKey())).as("no outcome before the last receive").isEmpty();
            assertThat(rig.pipeline.sens.countByKey(job.idempotencyKey())).isZero();

            // SQS redelivers after the visibility timeout.
            SenderRig.Delivery second = rig.deliver(sender, rig.receive(10, SenderRig.VISIBILITY.multipliedBy(3)));

            assertThat(second.allAcknowledged()).isTrue();
            assertThat(rig.pipeline.sens.countByKey(job.idempotencyKey())).isEqualTo(1);
            assertThat(rig.outcomes(job.idempotencyKey())).singleElement()
                    .satisfies(o -> assertThat(o.status()).isEqualTo(OutcomeStatus.SENT));
        }
    }

    @Test
    void onTheLastReceiveATransientFailureIsReportedAsFailedAndLeftToTheDlq(LocalAws aws) {
        try (SenderRig rig = SenderRig.start(aws, Jobs.CYCLE, Map.of("SMS_MAX_RECEIVES", "1"))) {
            SmsJob job = Jobs.confirmation("1051707", "b4", "01012345678");
            rig.enqueue(job);
            rig.pipeline.sens.enqueueFault(SensSimulator.errorFault(503, "Service Unavailable"), 3);

            SenderRig.Delivery d = rig.deliverVisible(rig.handler());

            assertThat(d.failedIds()).hasSize(1);
            assertThat(rig.outcomes(job.idempotencyKey())).singleElement().satisfies(o -> {
                assertThat(o.status()).isEqualTo(OutcomeStatus.FAILED);
                assertThat(o.error()).contains("503").contains("DLQ");
            });
            // Not claimed, so a replay from the DLQ may still send it.
            assertThat(rig.record(job.idempotencyKey())).isEmpty();
        }
    }

    @Test
    void badRequestIsPermanentReportedAndNeverRetried(LocalAws aws) {
        try (SenderRig rig = SenderRig.start(aws)) {
            SmsJob job = Jobs.confirmation("1051707", "b5", "01012345678");
            rig.enqueue(job);
            rig.pipeline.sens.enqueueFault(SensSimulator.errorFault(400, "Invalid content"));
            SenderHandler sender = rig.handler();

            SenderRig.Delivery d = rig.deliverVisible(sender);

            assertThat(d.allAcknowledged()).as("acknowledged: retrying cannot help").isTrue();
            assertThat(rig.pipeline.sens.httpRequests()).hasSize(1);
            assertThat(rig.outcomes(job.idempotencyKey())).singleElement().satisfies(o -> {
                assertThat(o.status()).isEqualTo(OutcomeStatus.FAILED);
                assertThat(o.error()).isEqualTo("SENS HTTP 400: Invalid content");
                assertThat(o.runId()).isEqualTo(Jobs.RUN_ID);
            });
            assertThat(rig.record(job.idempotencyKey()).orElseThrow().outcome()).isEqualTo(OutcomeStatus.FAILED);

            // Delivered again anyway (a replay): still no second call.
            rig.enqueue(job);
            assertThat(rig.deliverVisible(sender).allAcknowledged()).isTrue();
            assertThat(rig.pipeline.sens.httpRequests()).hasSize(1);
            assertThat(rig.outcomes(job.idempotencyKey())).hasSize(2).last()
                    .satisfies(o -> assertThat(o.replayed()).isTrue());
        }
    }

    @Test
    void aBatchRefusedWithBadRequestIsResentOneByOne(LocalAws aws) {
        try (SenderRig rig = SenderRig.start(aws)) {
            List<SmsJob> jobs = List.of(Jobs.confirmation("1051707", "c1", "01011110001"),
                    Jobs.confirmation("1051707", "c2", "01011110002"), Jobs.confirmation("1051707", "c3", "01011110003"));
            rig.enqueue(jobs);
            rig.pipeline.sens.enqueueFault(SensSimulator.errorFault(400, "one recipient is invalid"));

            assertThat(rig.deliver(rig.handler(), rig.receiveExactly(3, Duration.ofSeconds(5))).allAcknowledged()).isTrue();

            // One refused request of three, then three single ones.
            assertThat(rig.pipeline.sens.httpRequests()).hasSize(4);
            for (SmsJob job : jobs) {
                assertThat(rig.pipeline.sens.countByKey(job.idempotencyKey())).isEqualTo(1);
                assertThat(rig.outcomes(job.idempotencyKey())).singleElement()
                        .satisfies(o -> assertThat(o.status()).isEqualTo(OutcomeStatus.SENT));
            }
        }
    }

    @Test
    void contentSensWouldRefuseFailsAloneWithoutACall(LocalAws aws) {
        try (SenderRig rig = SenderRig.start(aws)) {
            SmsJob good = Jobs.confirmation("1051707", "d1", "01011110001");
            SmsJob emoji = new SmsJob(1, Jobs.RUN_ID, "1051707", "d2", good.rule(), null, null, "01011110002", good.from(), good.type(),
                    good.contentType(), null, "예약 확정 🎉", "1051707:d2:CONFIRMATION", Jobs.CYCLE, Jobs.CYCLE.plusSeconds(86_400), null);
            rig.enqueue(good, emoji);

            assertThat(rig.deliver(rig.handler(), rig.receiveExactly(2, Duration.ofSeconds(5))).allAcknowledged()).isTrue();

            assertThat(rig.pipeline.sens.httpRequests()).hasSize(1);
            assertThat(rig.pipeline.sens.countByKey(good.idempotencyKey())).isEqualTo(1);
            assertThat(rig.outcomes(emoji.idempotencyKey())).singleElement().satisfies(o -> {
                assertThat(o.status()).isEqualTo(OutcomeStatus.FAILED);
                assertThat(o.error()).contains("EUC-KR");
            });
        }
    }

    @Test
    void retriesNeverOutliveTheInvocation(LocalAws aws) {
        // 8 s of Lambda time minus 3 s reserve: 5 s, room for marking the claim (1 s) and one call (1 s connect
        // + 1 s answer) but not for waiting out a 429 that asks for 5 s.
        try (SenderRig rig = SenderRig.start(aws, Jobs.CYCLE, Map.of("SENS_CONNECT_TIMEOUT_SECONDS", "1", "SENS_TIMEOUT_SECONDS", "1",
                "SENS_MAX_ATTEMPTS", "5", "FINISH_RESERVE_SECONDS", "3", "AWS_CALL_TIMEOUT_SECONDS", "1"))) {
            SmsJob job = Jobs.confirmation("1051707", "e1", "01012345678");
            rig.enqueue(job);
            rig.pipeline.sens.enqueueFault(Fault.respond(SimResponse.json(429, "{\"status\":\"429\"}").withHeader("Retry-After", "5")));

            SenderRig.Delivery d = rig.deliver(rig.handler(), rig.receiveAll(), Duration.ofSeconds(8));

            assertThat(d.failedIds()).hasSize(1);
            assertThat(d.took()).isLessThan(Duration.ofSeconds(5));
            assertThat(rig.pipeline.sens.httpRequests()).hasSize(1);
            assertThat(rig.record(job.idempotencyKey())).isEmpty();
        }
    }

    @Test
    void noCallStartsWhenItCouldNotTimeOutBeforeTheLambdaDoes(LocalAws aws) {
        try (SenderRig rig = SenderRig.start(aws, Jobs.CYCLE, Map.of("SENS_TIMEOUT_SECONDS", "2", "FINISH_RESERVE_SECONDS", "3",
                "AWS_CALL_TIMEOUT_SECONDS", "1"))) {
            SmsJob job = Jobs.confirmation("1051707", "e2", "01012345678");
            rig.enqueue(job);

            // 4 s left minus 3 s reserve = 1 s, less than marking the claim (1 s) and one call (3 s connect + 2 s answer).
            SenderRig.Delivery d = rig.deliver(rig.handler(), rig.receiveAll(), Duration.ofSeconds(4));

            assertThat(d.failedIds()).hasSize(1);
            assertThat(rig.pipeline.sens.httpRequests()).isEmpty();
            assertThat(rig.record(job.idempotencyKey())).isEmpty();
        }
    }
}
