package dev.placenotify.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.placenotify.testsupport.LocalAwsExtension;
import dev.placenotify.local.LocalPipeline;
import dev.placenotify.testsupport.SimulatedClock;
import dev.placenotify.testsupport.aws.LocalAws;
import dev.placenotify.model.ContentType;
import dev.placenotify.model.MessageCodec;
import dev.placenotify.model.Messages;
import dev.placenotify.model.SmsJob;
import dev.placenotify.model.SmsType;
import dev.placenotify.sender.ClaimResult;
import dev.placenotify.sender.IdempotencyStore;
import dev.placenotify.model.Topology;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A sender that died after marking a job "sending" leaves a claim whose SENS request may have left. The
 * operator sees it among the unknown sends, and a replay of its job from the DLQ is counted as a no-op
 * (the sender records it UNKNOWN), never as "will send".
 */
@ExtendWith(LocalAwsExtension.class)
class AbandonedSendTest {
    private static final Instant CYCLE = Instant.parse("2025-10-22T05:00:00Z");
    private static final String KEY = "1051707:9501:CONFIRMATION";

    @Test
    void aSendWhoseSenderDiedIsListedAsUnknownAndItsReplayIsANoOp(LocalAws aws) {
        try (LocalPipeline p = LocalPipeline.start(aws, LocalPipeline.Options.defaults(LocalAwsExtension.uniqueEnvironment("opaban"))
                .withoutStages(), new SimulatedClock(CYCLE))) {
            SmsJob job = new SmsJob(Messages.SCHEMA_VERSION, "c20251022T1400", "1051707", "9501", "CONFIRMATION", "예약확정",
                    "김*수", "01012345678", "0311234567", SmsType.SMS, ContentType.COMM, null, "[화성 새솔점] 김민수님, 예약 확정",
                    KEY, CYCLE, CYCLE.plus(Duration.ofDays(1)), null);
            // What a sender does right before its SENS request, then dies: claim, mark sending; the claim runs out.
            IdempotencyStore store = new IdempotencyStore(aws.dynamo(), p.table(Topology.IDEMPOTENCY), Duration.ofDays(30));
            Instant claimUntil = CYCLE.plusSeconds(65);
            assertThat(store.claim(KEY, job, CYCLE, claimUntil)).isInstanceOf(ClaimResult.Claimed.class);
            assertThat(store.markSending(List.of(new IdempotencyStore.Sending(KEY, job, claimUntil)), CYCLE.plusSeconds(1)))
                    .containsExactly(KEY);
            OperatorRun op = new OperatorRun(p);

            // While the claim lives, the sender may still record the answer: nothing to list yet.
            assertThat(op.run("sends", "unknown", "--json").json()).isEmpty();

            p.clock().set(claimUntil.plusSeconds(60));
            JsonNode listed = op.run("sends", "unknown", "--json").json();
            assertThat(listed).singleElement().satisfies(u -> {
                assertThat(u.path("key").asText()).isEqualTo(KEY);
                assertThat(u.path("abandoned").asBoolean()).isTrue();
                assertThat(u.path("to").asText()).isEqualTo("010-****-5678");
            });
            OperatorRun.Result table = op.run("sends", "unknown");
            assertThat(table.out()).contains("sender died while sending").doesNotContain("01012345678");
            OperatorRun.Result resend = op.run("sends", "resend", "--key", KEY, "--confirm", "--yes");
            assertThat(resend.code()).as(resend.toString()).isNotZero();

            // The job in the sms DLQ: a replay's dry-run says the sender will not send it.
            p.aws().sqs().sendMessage(b -> b.queueUrl(p.resources().dlqUrl(Topology.SMS)).messageBody(MessageCodec.encode(job)));
            OperatorRun.Result dryRun = op.run("replay", "--stage", "sender", "--dry-run");
            assertThat(dryRun.code()).as(dryRun.toString()).isZero();
            assertThat(dryRun.out()).contains("no-op (UNKNOWN)").doesNotContain("will send");
        }
    }
}
