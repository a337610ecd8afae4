package dev.placenotify.local.cli;

import dev.placenotify.model.env.DeliveryCheckEnv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.placenotify.testsupport.LocalAwsExtension;
import dev.placenotify.local.LocalPipeline;
import dev.placenotify.testsupport.sim.NaverBookingJson;
import dev.placenotify.testsupport.SimulatedClock;
import dev.placenotify.testsupport.aws.LocalAws;
import dev.placenotify.testsupport.sim.Fault;
import dev.placenotify.model.Topology;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * UNKNOWN sends resolved by evidence, through the whole local pipeline with the delivery checks on: a send SENS
 * never got is proven absent and {@code sends unknown} shows the evidence (which {@code sends resend} prints before
 * it asks); a send SENS did get is found by {@code sends unknown --check} and becomes SENT, leaving the list. No
 * path but the operator's resend ever sends.
 */
@ExtendWith(LocalAwsExtension.class)
class UnknownEvidenceTest {
    private static final Instant CYCLE = Instant.parse("2025-10-22T05:00:00Z");
    private static final String STORE = "1051707";
    private static final String KEY = STORE + ":9401:CONFIRMATION";

    @Test
    void anUnknownSendSensNeverGotIsShownAbsentWithItsEvidenceAndTheResendPrintsIt(LocalAws aws) {
        try (LocalPipeline p = LocalPipeline.start(aws, LocalPipeline.Options.defaults(LocalAwsExtension.uniqueEnvironment("evabs"))
                .withDeliveryChecks().withEnv(Map.of("SENS_TIMEOUT_SECONDS", "0.5", DeliveryCheckEnv.EVIDENCE_WINDOW_SECONDS, "4")),
                new SimulatedClock(CYCLE))) {
            OperatorRun op = new OperatorRun(p);
            unknownSend(p, op, Fault.hangUnprocessed(Duration.ofSeconds(2)));

            await().atMost(Duration.ofSeconds(30)).until(() -> "ABSENT".equals(attribute(p, "evidence")));
            OperatorRun.Result listed = op.run("sends", "unknown");
            assertThat(listed.code()).as(listed.toString()).isZero();
            assertThat(listed.out()).contains(KEY).contains("absent (evidence: SENS lists no message to 010-****-5678")
                    .contains("1 proven absent at SENS").doesNotContain("01012345678");
            assertThat(op.run("sends", "unknown", "--json").json().get(0).path("evidence").asText()).isEqualTo("ABSENT");
            assertThat(p.sens.countByKey(KEY)).as("the evidence path sends nothing").isZero();

            OperatorRun.Result resent = op.run("sends", "resend", "--key", KEY, "--confirm", "--yes", "--operator", "alice");
            assertThat(resent.code()).as(resent.toString()).isZero();
            assertThat(resent.out()).contains("SENS evidence: absent (evidence: SENS lists no message to 010-****-5678");
            await().atMost(Duration.ofSeconds(20)).until(() -> "SENT".equals(attribute(p, "outcome")));
            p.awaitQuiet(Duration.ofSeconds(5));
            assertThat(p.sens.countByKey(KEY)).isEqualTo(1);
        }
    }

    @Test
    void anUnknownSendSensHasIsFoundOnDemandAndLeavesTheList(LocalAws aws) {
        // The automatic check would come only after ten minutes: the operator asks now.
        try (LocalPipeline p = LocalPipeline.start(aws, LocalPipeline.Options.defaults(LocalAwsExtension.uniqueEnvironment("evfound"))
                .withDeliveryChecks().withEnv(Map.of("SENS_TIMEOUT_SECONDS", "0.5", DeliveryCheckEnv.DELIVERY_FIRST_CHECK_SECONDS, "600",
                        DeliveryCheckEnv.DELIVERY_CHECK_MAX_INTERVAL_SECONDS, "600", DeliveryCheckEnv.DELIVERY_CHECK_DEADLINE_SECONDS, "3600")), new SimulatedClock(CYCLE))) {
            OperatorRun op = new OperatorRun(p);
            unknownSend(p, op, Fault.hangProcessed(Duration.ofSeconds(2)));
            assertThat(op.run("sends", "unknown").out()).contains(KEY);

            OperatorRun.Result checked = op.run("sends", "unknown", "--check");
            assertThat(checked.code()).as(checked.toString()).isZero();
            assertThat(checked.out()).contains("1 evidence check(s) enqueued");

            await().atMost(Duration.ofSeconds(30)).until(() -> "SENT".equals(attribute(p, "outcome")));
            assertThat(attribute(p, "evidence")).isEqualTo("FOUND");
            assertThat(attribute(p, "resolvedFrom")).isEqualTo("UNKNOWN");
            assertThat(attribute(p, "providerRequestId")).isEqualTo(p.sens.messages().get(0).requestId());
            assertThat(op.run("sends", "unknown").out()).contains("no UNKNOWN sends");
            p.awaitQuiet(Duration.ofSeconds(5));
            assertThat(p.sens.countByKey(KEY)).as("found, never sent again").isEqualTo(1);
        }
    }

    private static void unknownSend(LocalPipeline p, OperatorRun op, Fault fault) {
        p.naver.setBookings(STORE, List.of(NaverBookingJson.of(9401, STORE, "룸 A", "RC03", "김민수", "010-1234-5678", 2,
                CYCLE.minusSeconds(3600), CYCLE.plus(Duration.ofDays(1)), Duration.ofHours(2))));
        p.sens.enqueueFault(fault);
        OperatorRun.Result backfill = op.run("backfill", "--store", STORE, "--from", "2025-10-23", "--to", "2025-10-23",
                "--mode", "normal", "--yes");
        assertThat(backfill.code()).as(backfill.toString()).isZero();
        await().atMost(Duration.ofSeconds(30)).until(() -> "UNKNOWN".equals(attribute(p, "outcome")));
    }

    private static String attribute(LocalPipeline p, String name) {
        Map<String, AttributeValue> item = p.aws().dynamo().getItem(b -> b.tableName(p.table(Topology.IDEMPOTENCY))
                .consistentRead(true).key(Map.of("key", AttributeValue.fromS(KEY)))).item();
        return item == null || !item.containsKey(name) ? null : item.get(name).s();
    }
}
