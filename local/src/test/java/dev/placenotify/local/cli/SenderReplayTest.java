package dev.placenotify.local.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.placenotify.testsupport.LocalAwsExtension;
import dev.placenotify.local.LocalPipeline;
import dev.placenotify.testsupport.sim.NaverBookingJson;
import dev.placenotify.testsupport.SimulatedClock;
import dev.placenotify.testsupport.aws.LocalAws;
import dev.placenotify.testsupport.sim.SensMessage;
import dev.placenotify.testsupport.sim.SensSimulator;
import dev.placenotify.model.Topology;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Sender faults: a job whose deliveries all met SENS 503s (a transient fault, retried until the redrive
 * policy gave up) is sent once when replayed after SENS recovers; a copy of a job that was already sent,
 * replayed with it, sends nothing and is reported as a no-op.
 */
@ExtendWith(LocalAwsExtension.class)
class SenderReplayTest {
    private static final Instant CYCLE = Instant.parse("2025-10-22T05:00:00Z");
    private static final String STORE = "1051707";

    @Test
    void aJobDeadLetteredBySens503sIsSentOnceAndAnAlreadySentJobIsANoOp(LocalAws aws) {
        // One SENS attempt per delivery, so five 503s exhaust the sms queue's five receives.
        try (LocalPipeline p = LocalPipeline.start(aws, LocalPipeline.Options.defaults(LocalAwsExtension.uniqueEnvironment("opsend"))
                .withVisibility(Duration.ofSeconds(1)).withEnv(Map.of("SENS_MAX_ATTEMPTS", "1")), new SimulatedClock(CYCLE))) {
            OperatorRun op = new OperatorRun(p);
            String smsDlq = p.resources().dlqUrl(Topology.SMS);

            // Booking A is confirmed normally.
            p.naver.setBookings(STORE, List.of(booking(9101, "김민수", "010-1111-2222")));
            assertThat(op.run("backfill", "--store", STORE, "--from", "2025-10-23", "--to", "2025-10-23", "--mode", "normal",
                    "--yes").code()).isZero();
            await().atMost(Duration.ofSeconds(30)).until(() -> keyOf(p, 9101) != null);
            String sentKey = keyOf(p, 9101);
            p.awaitQuiet(Duration.ofSeconds(10));

            // Booking B arrives while SENS is unavailable (503: nothing sent) on every attempt.
            p.naver.addBooking(STORE, booking(9102, "이영희", "010-3333-4444"));
            p.sens.enqueueFault(SensSimulator.errorFault(503, "Service Unavailable"), Topology.SMS.maxReceives());
            assertThat(op.run("backfill", "--store", STORE, "--from", "2025-10-23", "--to", "2025-10-23", "--mode", "normal",
                    "--yes").code()).isZero();
            await().atMost(Duration.ofSeconds(40)).until(() -> p.depth(smsDlq, true) == 1);
            assertThat(p.sens.pendingFaults()).isZero();
            assertThat(keyOf(p, 9102)).isNull();

            // A second copy of A's job reaches the DLQ too (e.g. a planner re-emission after a crash).
            String sentJob = idempotency(p, sentKey).get("job").s();
            p.aws().sqs().sendMessage(b -> b.queueUrl(smsDlq).messageBody(sentJob));

            OperatorRun.Result dry = op.run("replay", "--stage", "sender", "--dry-run");
            assertThat(dry.code()).as(dry.toString()).isZero();
            assertThat(dry.out()).contains("no-op (SENT)").contains("will send").contains("2 listed");
            assertThat(p.depth(smsDlq, true)).isEqualTo(2);

            // SENS is healthy again: replay.
            OperatorRun.Result replay = op.run("replay", "--stage", "sender", "--yes");
            assertThat(replay.code()).as(replay.toString()).isZero();
            assertThat(replay.out()).contains("replayed 2 message(s)")
                    .contains("sender: 1 no-op(s) (idempotency key already COMPLETED: SENT 1").contains("1 to send");
            await().atMost(Duration.ofSeconds(30)).until(() -> keyOf(p, 9102) != null);
            p.awaitQuiet(Duration.ofSeconds(10));
            assertThat(p.sens.countByKey(keyOf(p, 9102))).isEqualTo(1);
            assertThat(p.sens.countByKey(sentKey)).isEqualTo(1);
            assertThat(idempotency(p, keyOf(p, 9102)).get("outcome").s()).isEqualTo("SENT");
            assertThat(p.depth(smsDlq, true)).isZero();
        }
    }

    private static Map<String, Object> booking(long id, String name, String phone) {
        return NaverBookingJson.of(id, STORE, "룸 A", "RC03", name, phone, 2, CYCLE.minusSeconds(3600),
                CYCLE.plus(Duration.ofDays(1)), Duration.ofHours(2));
    }

    private static String keyOf(LocalPipeline p, long bookingId) {
        return p.sens.messages().stream().map(SensMessage::idempotencyKey).filter(k -> k.contains(":" + bookingId + ":"))
                .findFirst().orElse(null);
    }

    private static Map<String, AttributeValue> idempotency(LocalPipeline p, String key) {
        return p.aws().dynamo().getItem(b -> b.tableName(p.table(Topology.IDEMPOTENCY)).consistentRead(true)
                .key(Map.of("key", AttributeValue.fromS(key)))).item();
    }
}
