package dev.placenotify.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.placenotify.testsupport.LocalAwsExtension;
import dev.placenotify.local.LocalPipeline;
import dev.placenotify.local.SeedWorkload;
import dev.placenotify.testsupport.SimulatedClock;
import dev.placenotify.testsupport.aws.LocalAws;
import dev.placenotify.testsupport.sim.SensMessage;
import dev.placenotify.sender.budget.BudgetCaps;
import dev.placenotify.sender.budget.BudgetLedger;
import dev.placenotify.model.Topology;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A schedule tick through all four stages on ElasticMQ, dynalite and the simulators. */
@ExtendWith(LocalAwsExtension.class)
class LegacyCycleEndToEndTest {

    @Test
    void firstCycleConfirmsNewBookingsRemindsDueOnesAndPostsOneSummary(LocalAws aws) {
        SeedWorkload seed = SeedWorkload.legacy();
        // No SEED backfill here: every confirmed booking is new to the pipeline.
        try (LocalPipeline p = LocalPipeline.start(aws, LocalPipeline.Options.defaults(LocalAwsExtension.uniqueEnvironment("e2e")),
                new SimulatedClock(seed.cycle()))) {
            seed.atCycle().forEach(p.naver::setBookings);
            String runId = p.tick(seed.cycle());
            LocalPipeline.RunStatus status = p.awaitRun(runId, Duration.ofSeconds(120));

            assertThat(status.summarized()).isTrue();
            assertThat(status.complete()).isTrue();
            List<SensMessage> sms = p.sens.messages();
            Map<String, Long> byKind = sms.stream().collect(Collectors.groupingBy(m -> m.idempotencyKey().split(":")[2],
                    Collectors.counting()));
            // Every future confirmed booking is confirmed once; reminders for those starting within 2 h.
            assertThat(byKind.get("CONFIRMATION")).isEqualTo(147L);
            assertThat(byKind.get("REMINDER")).isEqualTo((long) seed.expectedReminders());
            assertThat(sms).allSatisfy(m -> assertThat(p.sens.countByKey(m.idempotencyKey())).isEqualTo(1));
            // The reminder of a booking never arrives before its confirmation.
            for (SensMessage r : sms.stream().filter(m -> m.idempotencyKey().contains(":REMINDER:")).toList()) {
                String booking = r.idempotencyKey().split(":")[1];
                SensMessage c = sms.stream().filter(m -> m.idempotencyKey().endsWith(booking + ":CONFIRMATION")).findFirst().orElseThrow();
                assertThat(c.sequence()).isLessThan(r.sequence());
            }
            // State recorded for every booking, without personal data.
            var items = p.aws().dynamo().scan(b -> b.tableName(p.table(Topology.BOOKINGS))).items();
            assertThat(items).hasSize(147 + 34);
            assertThat(items).allSatisfy(i -> assertThat(i).doesNotContainKeys("name", "phone"));
            assertThat(items).allSatisfy(i -> assertThat(i).containsKey("expiresAt"));
            // Exactly one summary per channel, with numbers that add up.
            assertThat(p.telegram.messages()).hasSize(1);
            String text = p.telegram.messages().get(0).text();
            int total = 147 + seed.expectedReminders();
            assertThat(text).contains("SMS 발송 " + total + "건").contains("확정 147").contains("상세안내 " + seed.expectedReminders())
                    .contains("계획 " + total + " = 발송 " + total + " + 실패 0 + 건너뜀 0 + 불명 0").contains("매장 8/8");
            assertThat(p.slack.payloads()).hasSize(1);
            assertThat(p.slack.payloads().get(0).get("blocks").size()).isGreaterThan(2);
            // Nothing left in any DLQ.
            for (var q : Topology.QUEUES) {
                assertThat(p.depth(p.resources().dlqUrl(q), true)).as(q.logicalName() + " DLQ: " + DlqPeek.reasons(p, q)).isZero();
            }
            // Idempotency records say SENT for every job. (The table also holds the sender's budget counters,
            // one per store and one for the run: every text was counted once, none held.)
            var idempotencyItems = p.aws().dynamo().scan(b -> b.tableName(p.table(Topology.IDEMPOTENCY))).items();
            var records = idempotencyItems.stream().filter(r -> !r.get("key").s().startsWith(BudgetLedger.PREFIX)).toList();
            assertThat(records).hasSize(total);
            assertThat(records).allSatisfy(r -> assertThat(r.get("outcome")).isEqualTo(AttributeValue.fromS("SENT")));
            var runCounter = new BudgetLedger(p.aws().dynamo(), p.table(Topology.IDEMPOTENCY), Duration.ofDays(30))
                    .read(runId, BudgetCaps.Scope.RUN, null);
            assertThat(runCounter.texts()).isEqualTo(total);
            assertThat(runCounter.held()).isEmpty();
        }
    }
}
