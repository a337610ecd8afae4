package dev.placenotify.local.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.placenotify.local.LocalAwsExtension;
import dev.placenotify.local.LocalPipeline;
import dev.placenotify.local.NaverBookingJson;
import dev.placenotify.local.SimulatedClock;
import dev.placenotify.local.aws.LocalAws;
import dev.placenotify.local.sim.Fault;
import dev.placenotify.shell.Topology;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An SMS whose SENS answer was lost is UNKNOWN: listed masked, never sent again by the pipeline, and sent
 * once more only by a deliberate, confirmed, recorded {@code sends resend}.
 */
@ExtendWith(LocalAwsExtension.class)
class SendsResendTest {
    private static final Instant CYCLE = Instant.parse("2025-10-22T05:00:00Z");
    private static final String STORE = "1051707";
    private static final String KEY = STORE + ":9401:CONFIRMATION";

    @Test
    void anUnknownSendIsListedMaskedAndResentOnceOnlyWhenConfirmed(LocalAws aws) {
        try (LocalPipeline p = LocalPipeline.start(aws, LocalPipeline.Options.defaults(LocalAwsExtension.uniqueStage("opsends"))
                .withEnv(Map.of("SENS_TIMEOUT_SECONDS", "0.5")), new SimulatedClock(CYCLE))) {
            OperatorRun op = new OperatorRun(p);
            p.naver.setBookings(STORE, List.of(NaverBookingJson.of(9401, STORE, "룸 A", "RC03", "김민수", "010-1234-5678", 2,
                    CYCLE.minusSeconds(3600), CYCLE.plus(Duration.ofDays(1)), Duration.ofHours(2))));
            // SENS takes the request but its answer comes after the sender gave up: UNKNOWN.
            p.sens.enqueueFault(Fault.hangProcessed(Duration.ofSeconds(2)));
            OperatorRun.Result backfill = op.run("backfill", "--store", STORE, "--from", "2025-10-23", "--to", "2025-10-23",
                    "--mode", "normal", "--yes");
            assertThat(backfill.code()).as(backfill.toString()).isZero();
            await().atMost(Duration.ofSeconds(30)).until(() -> "UNKNOWN".equals(outcome(p)));
            p.awaitQuiet(Duration.ofSeconds(10));
            assertThat(p.sens.countByKey(KEY)).isEqualTo(1);

            OperatorRun.Result listed = op.run("sends", "unknown");
            assertThat(listed.code()).as(listed.toString()).isZero();
            assertThat(listed.out()).contains(KEY).contains("010-****-5678").contains("김*수님")
                    .doesNotContain("1234-5678").doesNotContain("01012345678").doesNotContain("김민수");
            JsonNode json = op.run("sends", "unknown", "--json", "--run", backfill.runId()).json();
            assertThat(json).hasSize(1);
            assertThat(json.get(0).path("key").asText()).isEqualTo(KEY);
            assertThat(json.get(0).path("to").asText()).isEqualTo("010-****-5678");
            assertThat(op.run("sends", "unknown", "--json", "--run", "c19990101T0000").json()).isEmpty();

            // Not without --confirm, and not without --yes when nobody can be asked.
            assertThat(op.run("sends", "resend", "--key", KEY, "--yes").code()).isEqualTo(2);
            OperatorRun.Result unconfirmed = op.run("sends", "resend", "--key", KEY, "--confirm");
            assertThat(unconfirmed.code()).isEqualTo(1);
            assertThat(unconfirmed.err()).contains("stdin is not a terminal");
            assertThat(outcome(p)).isEqualTo("UNKNOWN");
            assertThat(audits(p)).isEmpty();

            OperatorRun.Result resent = op.run("sends", "resend", "--key", KEY, "--confirm", "--yes", "--operator", "alice");
            assertThat(resent.code()).as(resent.toString()).isZero();
            assertThat(resent.out()).contains("resend authorized by alice").contains("audit#" + KEY);
            await().atMost(Duration.ofSeconds(20)).until(() -> "SENT".equals(outcome(p)));
            p.awaitQuiet(Duration.ofSeconds(10));
            assertThat(p.sens.countByKey(KEY)).isEqualTo(2);
            List<Map<String, AttributeValue>> audits = audits(p);
            assertThat(audits).hasSize(1);
            assertThat(audits.get(0).get("resentBy").s()).isEqualTo("alice");
            assertThat(audits.get(0).get("result").s()).isEqualTo("ENQUEUED");
            assertThat(audits.get(0).get("previous").m().get("outcome").s()).isEqualTo("UNKNOWN");
            assertThat(audits.get(0)).containsKey("expiresAt");

            // Once settled, there is nothing left to resend, and nothing is listed.
            OperatorRun.Result again = op.run("sends", "resend", "--key", KEY, "--confirm", "--yes");
            assertThat(again.code()).isEqualTo(1);
            assertThat(again.err()).contains("not UNKNOWN");
            assertThat(op.run("sends", "unknown").out()).contains("no UNKNOWN sends");
            assertThat(p.sens.countByKey(KEY)).isEqualTo(2);
        }
    }

    private static String outcome(LocalPipeline p) {
        Map<String, AttributeValue> item = p.aws().dynamo().getItem(b -> b.tableName(p.table(Topology.IDEMPOTENCY))
                .consistentRead(true).key(Map.of("key", AttributeValue.fromS(KEY)))).item();
        return item == null || !item.containsKey("outcome") ? null : item.get("outcome").s();
    }

    private static List<Map<String, AttributeValue>> audits(LocalPipeline p) {
        return p.aws().dynamo().scan(b -> b.tableName(p.table(Topology.IDEMPOTENCY)).filterExpression("begins_with(#k, :a)")
                .expressionAttributeNames(Map.of("#k", "key"))
                .expressionAttributeValues(Map.of(":a", AttributeValue.fromS("audit#" + KEY + "#")))).items();
    }
}
