package dev.placenotify.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.placenotify.testsupport.LocalAwsExtension;
import dev.placenotify.local.LocalPipeline;
import dev.placenotify.testsupport.SimulatedClock;
import dev.placenotify.testsupport.aws.LocalAws;
import dev.placenotify.model.ContentType;
import dev.placenotify.model.Messages;
import dev.placenotify.model.SmsJob;
import dev.placenotify.model.SmsType;
import dev.placenotify.shell.QueuePublisher;
import dev.placenotify.model.Topology;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Texts the budget guard held go out only through {@code operator budget release --yes}, each once. */
@ExtendWith(LocalAwsExtension.class)
class BudgetReleaseTest {
    private static final Instant CYCLE = Instant.parse("2025-10-22T05:00:00Z");
    private static final String RUN = "c20251022T1400";

    private static SmsJob job(int i) {
        return new SmsJob(Messages.SCHEMA_VERSION, RUN, "1051707", "h" + i, "CONFIRMATION", "예약확정", "김*수", "0101234" + (5000 + i),
                "0312345678", SmsType.SMS, ContentType.COMM, null, "[place] 예약이 확정되었습니다 " + i, "1051707:h" + i + ":CONFIRMATION",
                CYCLE, CYCLE.plus(Duration.ofDays(1)), null);
    }

    @Test
    void heldTextsAreReleasedOnlyWithYesAndSentOnce(LocalAws aws) {
        try (LocalPipeline p = LocalPipeline.start(aws, LocalPipeline.Options.defaults(LocalAwsExtension.uniqueEnvironment("opbud"))
                .withEnv(Map.of("BUDGET_STORE_TEXTS", "3")), new SimulatedClock(CYCLE))) {
            p.clock().set(CYCLE);
            QueuePublisher sms = new QueuePublisher(aws.sqs(), p.resources().queueUrl(Topology.SMS));
            List<SmsJob> jobs = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                jobs.add(job(i));
            }
            sms.publishAll(jobs);
            p.awaitQuiet(Duration.ofSeconds(30));
            assertThat(p.sens.messages()).hasSize(3);
            OperatorRun op = new OperatorRun(p);

            OperatorRun.Result shown = op.run("budget", "show", "--run", RUN, "--store", "1051707");
            assertThat(shown.code()).as(shown.toString()).isZero();
            assertThat(shown.out()).contains("store 1051707: 3 texts counted, 27 KRW estimated, 2 held, 0 released");

            OperatorRun.Result dry = op.run("budget", "release", "--run", RUN, "--store", "1051707");
            assertThat(dry.code()).as(dry.toString()).isZero();
            assertThat(dry.out()).contains("2 held, 2 still valid to send").contains("dry run: would release 2");
            p.awaitQuiet(Duration.ofSeconds(5));
            assertThat(p.sens.messages()).hasSize(3);

            OperatorRun.Result released = op.run("budget", "release", "--run", RUN, "--store", "1051707", "--yes", "--operator", "alice");
            assertThat(released.code()).as(released.toString()).isZero();
            assertThat(released.out()).contains("released 2 text(s) of run " + RUN + " by alice");
            p.awaitQuiet(Duration.ofSeconds(30));
            assertThat(p.sens.messages()).hasSize(5);
            for (SmsJob j : jobs) {
                assertThat(p.sens.countByKey(j.idempotencyKey())).as(j.idempotencyKey()).isEqualTo(1);
            }

            // Released once: a second release finds nothing held; the cap still holds any other text of the run.
            assertThat(op.run("budget", "release", "--run", RUN, "--yes").out()).contains("0 held");
            sms.publish(job(9));
            p.awaitQuiet(Duration.ofSeconds(30));
            assertThat(p.sens.countByKey(job(9).idempotencyKey())).isZero();
            assertThat(op.run("budget", "show", "--run", RUN, "--store", "1051707").out()).contains("1 held, 2 released");
        }
    }
}
