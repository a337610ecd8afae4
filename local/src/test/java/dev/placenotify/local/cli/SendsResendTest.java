package dev.placenotify.local.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.placenotify.testsupport.LocalAwsExtension;
import dev.placenotify.local.LocalPipeline;
import dev.placenotify.testsupport.sim.NaverBookingJson;
import dev.placenotify.testsupport.SimulatedClock;
import dev.placenotify.testsupport.aws.LocalAws;
import dev.placenotify.testsupport.sim.Fault;
import dev.placenotify.model.MessageCodec;
import dev.placenotify.model.SmsJob;
import dev.placenotify.model.Topology;
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
    /** The reservation: its confirmation is valid until it starts (the job's notAfter). */
    private static final Instant START = CYCLE.plus(Duration.ofDays(1));

    @Test
    void anUnknownSendIsListedMaskedAndResentOnceOnlyWhenConfirmed(LocalAws aws) {
        try (LocalPipeline p = LocalPipeline.start(aws, LocalPipeline.Options.defaults(LocalAwsExtension.uniqueEnvironment("opsends"))
                .withEnv(Map.of("SENS_TIMEOUT_SECONDS", "0.5")), new SimulatedClock(CYCLE))) {
            OperatorRun op = new OperatorRun(p);
            OperatorRun.Result backfill = unknownSend(p, op);

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
            assertAuditKeepsPersonalDataOnlyWithinItsTtl(p, audits.get(0));

            // Once settled, there is nothing left to resend, and nothing is listed.
            OperatorRun.Result again = op.run("sends", "resend", "--key", KEY, "--confirm", "--yes");
            assertThat(again.code()).isEqualTo(1);
            assertThat(again.err()).contains("not UNKNOWN");
            assertThat(op.run("sends", "unknown").out()).contains("no UNKNOWN sends");
            assertThat(p.sens.countByKey(KEY)).isEqualTo(2);
        }
    }

    /**
     * Issue 13 item 10: the year-long audit item holds no phone number, name or text (the recipient masked, the
     * text as a hash); the full previous record lives in its own item that expires with the record it copies.
     */
    private static void assertAuditKeepsPersonalDataOnlyWithinItsTtl(LocalPipeline p, Map<String, AttributeValue> audit) {
        Instant resentAt = Instant.parse(audit.get("resentAt").s());
        assertThat(Long.parseLong(audit.get("expiresAt").n())).isEqualTo(resentAt.plus(Duration.ofDays(365)).getEpochSecond());
        Map<String, AttributeValue> copy = item(p, audit.get("personalCopy").s());
        assertThat(copy).as("the full copy of the resent record").isNotEmpty();
        Map<String, AttributeValue> previous = copy.get("previous").m();
        String job = previous.get("job").s();
        assertThat(job).contains("01012345678");
        String content = MessageCodec.decode(job, SmsJob.class).content();
        // The full copy expires when the record it copies would have, within the 30-day personal-data TTL.
        long copyExpiry = Long.parseLong(copy.get("expiresAt").n());
        assertThat(copyExpiry).isEqualTo(Long.parseLong(previous.get("expiresAt").n()))
                .isLessThanOrEqualTo(resentAt.plus(Duration.ofDays(30)).getEpochSecond());
        assertThat(audit.get("personalCopyExpiresAt").s()).isEqualTo(Instant.ofEpochSecond(copyExpiry).toString());
        // The year-long item: facts, the recipient masked, the text as a hash; no personal data anywhere in it.
        Map<String, AttributeValue> kept = audit.get("previous").m();
        assertThat(kept).doesNotContainKey("job");
        assertThat(kept.get("to").s()).isEqualTo("010-****-5678");
        assertThat(kept.get("contentSha256").s()).hasSize(64);
        assertThat(kept.get("payloadHash").s()).isEqualTo(previous.get("payloadHash").s());
        String everything = strings(audit);
        assertThat(everything).doesNotContain("01012345678").doesNotContain("1234-5678").doesNotContain("김민수")
                .doesNotContain(content).doesNotContain(content.substring(0, Math.min(20, content.length())));
    }

    /** Every string in an item, nested maps and lists included. */
    private static String strings(Map<String, AttributeValue> item) {
        StringBuilder all = new StringBuilder();
        item.forEach((name, v) -> all.append(name).append('=').append(strings(v)).append('\n'));
        return all.toString();
    }

    private static String strings(AttributeValue v) {
        if (v.s() != null) {
            return v.s();
        }
        if (v.hasM()) {
            return strings(v.m());
        }
        if (v.hasL()) {
            return v.l().stream().map(SendsResendTest::strings).reduce("", String::concat);
        }
        return String.valueOf(v.n());
    }

    /** A confirmation whose SENS answer was lost after SENS took it: recorded UNKNOWN, sent once. */
    private static OperatorRun.Result unknownSend(LocalPipeline p, OperatorRun op) {
        p.naver.setBookings(STORE, List.of(NaverBookingJson.of(9401, STORE, "룸 A", "RC03", "김민수", "010-1234-5678", 2,
                CYCLE.minusSeconds(3600), START, Duration.ofHours(2))));
        // SENS takes the request but its answer comes after the sender gave up: UNKNOWN.
        p.sens.enqueueFault(Fault.hangProcessed(Duration.ofSeconds(2)));
        OperatorRun.Result backfill = op.run("backfill", "--store", STORE, "--from", "2025-10-23", "--to", "2025-10-23",
                "--mode", "normal", "--yes");
        assertThat(backfill.code()).as(backfill.toString()).isZero();
        await().atMost(Duration.ofSeconds(30)).until(() -> "UNKNOWN".equals(outcome(p)));
        p.awaitQuiet(Duration.ofSeconds(10));
        assertThat(p.sens.countByKey(KEY)).isEqualTo(1);
        return backfill;
    }

    /** Issue 13 item 5: a text past its notAfter is never resent, not even on an operator's word. */
    @Test
    void anUnknownSendPastItsNotAfterIsRefusedAsExpiredAndNothingChanges(LocalAws aws) {
        try (LocalPipeline p = LocalPipeline.start(aws, LocalPipeline.Options.defaults(LocalAwsExtension.uniqueEnvironment("opexpired"))
                .withEnv(Map.of("SENS_TIMEOUT_SECONDS", "0.5")), new SimulatedClock(CYCLE))) {
            OperatorRun op = new OperatorRun(p);
            unknownSend(p, op);
            // The reservation started a minute ago: a confirmation now would be stale.
            p.clock().set(START.plus(Duration.ofMinutes(1)));

            OperatorRun.Result listed = op.run("sends", "unknown");
            assertThat(listed.out()).contains(KEY).contains("2025-10-23 14:00 EXPIRED").contains("1 of them are EXPIRED");
            assertThat(op.run("sends", "unknown", "--json").json().get(0).path("expired").asBoolean()).isTrue();

            OperatorRun.Result refused = op.run("sends", "resend", "--key", KEY, "--confirm", "--yes", "--operator", "alice");
            assertThat(refused.code()).as(refused.toString()).isEqualTo(1);
            assertThat(refused.err()).contains("EXPIRED").contains(KEY).contains("valid until 2025-10-23 14:00:00 KST")
                    .contains("nothing was resent");
            assertThat(refused.out()).doesNotContain("resend authorized");
            // Nothing written, nothing enqueued, nothing sent: the UNKNOWN stays as it was.
            assertThat(outcome(p)).isEqualTo("UNKNOWN");
            assertThat(audits(p)).isEmpty();
            assertThat(p.depth(p.resources().queueUrl(Topology.SMS), true)).isZero();
            p.awaitQuiet(Duration.ofSeconds(5));
            assertThat(p.sens.countByKey(KEY)).isEqualTo(1);

            // One second before notAfter it would still have been allowed (the bound is exclusive).
            p.clock().set(START.minusSeconds(1));
            assertThat(op.run("sends", "unknown", "--json").json().get(0).path("expired").asBoolean()).isFalse();
        }
    }

    private static Map<String, AttributeValue> item(LocalPipeline p, String key) {
        return p.aws().dynamo().getItem(b -> b.tableName(p.table(Topology.IDEMPOTENCY)).consistentRead(true)
                .key(Map.of("key", AttributeValue.fromS(key)))).item();
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
