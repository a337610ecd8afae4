package dev.placenotify.sender;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.placenotify.testsupport.LocalAwsExtension;
import dev.placenotify.testsupport.aws.LocalAws;
import dev.placenotify.testsupport.sim.Fault;
import dev.placenotify.testsupport.sim.SimResponse;
import dev.placenotify.model.MessageCodec;
import dev.placenotify.model.OutcomeStatus;
import dev.placenotify.model.SendOutcome;
import dev.placenotify.model.SmsJob;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/** Issue 13, item 5: a job past its notAfter is EXPIRED (recorded, reported, counted), never sent. */
@ExtendWith(LocalAwsExtension.class)
class StaleJobsTest {

    @Test
    @ResourceLock(Resources.SYSTEM_OUT)
    void aJobReplayedHoursAfterItsNotAfterIsExpiredNotSentAndCounted(LocalAws aws) throws Exception {
        try (SenderRig rig = SenderRig.start(aws)) {
            // Planned at 14:00 for a 15:00 reservation: the text makes sense until 15:00.
            SmsJob job = Jobs.withNotAfter(Jobs.confirmation("1051707", "v1", "01012345678"), Jobs.CYCLE.plus(Duration.ofHours(1)));
            rig.enqueueToDlq(job);
            // An operator replays the SMS DLQ the next morning.
            rig.advanceClock(Duration.ofHours(19));
            assertThat(rig.replayDlq()).isEqualTo(1);
            var sender = rig.handler(Map.of("AWS_EMF_ENVIRONMENT", "Local")); // metrics on, printed as EMF

            List<JsonNode> emf = new ArrayList<>();
            SenderRig.Delivery d = captureEmf(emf, () -> rig.deliverVisible(sender));

            assertThat(d.allAcknowledged()).isTrue();
            assertThat(rig.pipeline.sens.httpRequests()).isEmpty();
            assertThat(rig.outcomes(job.idempotencyKey())).singleElement().satisfies(o -> {
                assertThat(o.status()).isEqualTo(OutcomeStatus.EXPIRED);
                assertThat(o.replayed()).isFalse();
                assertThat(o.runId()).isEqualTo(Jobs.RUN_ID);
                assertThat(o.error()).contains("notAfter").contains("2025-10-22T15:00+09:00");
            });
            assertThat(rig.record(job.idempotencyKey()).orElseThrow().outcome()).isEqualTo(OutcomeStatus.EXPIRED);
            assertThat(emf).anySatisfy(doc -> assertThat(doc.path("SmsExpired").asDouble()).isEqualTo(1.0));

            // Another copy (a second replay): the recorded outcome, still no text.
            rig.enqueue(job);
            assertThat(rig.deliverVisible(sender).allAcknowledged()).isTrue();
            assertThat(rig.pipeline.sens.httpRequests()).isEmpty();
            assertThat(rig.outcomes(job.idempotencyKey())).hasSize(2).last().satisfies(o -> {
                assertThat(o.status()).isEqualTo(OutcomeStatus.EXPIRED);
                assertThat(o.replayed()).isTrue();
            });
        }
    }

    @Test
    void aJobThatExpiresWhileWaitingOutARetryIsNotSent(LocalAws aws) {
        try (SenderRig rig = SenderRig.start(aws)) {
            SmsJob late = Jobs.withNotAfter(Jobs.confirmation("1051707", "v2", "01012345678"), Jobs.CYCLE.plusMillis(1500));
            rig.enqueue(late);
            // SENS throttles and asks for 2 s: by then the reservation has started.
            rig.pipeline.sens.enqueueFault(Fault.respond(SimResponse.json(429, "{\"status\":\"429\"}").withHeader("Retry-After", "2")));

            assertThat(rig.deliverVisible(rig.handler()).allAcknowledged()).isTrue();

            assertThat(rig.pipeline.sens.httpRequests()).as("only the throttled attempt").hasSize(1);
            assertThat(rig.pipeline.sens.messages()).isEmpty();
            assertThat(rig.outcomes(late.idempotencyKey())).singleElement()
                    .satisfies(o -> assertThat(o.status()).isEqualTo(OutcomeStatus.EXPIRED));
            assertThat(rig.record(late.idempotencyKey()).orElseThrow().outcome()).isEqualTo(OutcomeStatus.EXPIRED);
        }
    }

    @Test
    void aJobStillValidIsSentAndItsMateThatIsNotIsExpired(LocalAws aws) {
        try (SenderRig rig = SenderRig.start(aws)) {
            SmsJob valid = Jobs.confirmation("1051707", "v3", "01011110003");
            SmsJob stale = Jobs.withNotAfter(Jobs.confirmation("1051707", "v4", "01011110004"), Jobs.CYCLE.minusSeconds(1));
            rig.enqueue(valid, stale);

            assertThat(rig.deliver(rig.handler(), rig.receiveExactly(2, Duration.ofSeconds(5))).allAcknowledged()).isTrue();

            assertThat(rig.pipeline.sens.countByKey(valid.idempotencyKey())).isEqualTo(1);
            assertThat(rig.pipeline.sens.countByKey(stale.idempotencyKey())).isZero();
            List<SendOutcome> staleOutcomes = rig.outcomes(stale.idempotencyKey());
            assertThat(staleOutcomes).singleElement().satisfies(o -> assertThat(o.status()).isEqualTo(OutcomeStatus.EXPIRED));
        }
    }

    private static <T> T captureEmf(List<JsonNode> into, java.util.function.Supplier<T> action) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        T result;
        try {
            result = action.get();
        } finally {
            System.setOut(original);
        }
        for (String line : captured.toString(StandardCharsets.UTF_8).split("\n")) {
            if (line.contains("\"_aws\"")) {
                into.add(MessageCodec.mapper().readTree(line));
            }
        }
        return result;
    }
}
