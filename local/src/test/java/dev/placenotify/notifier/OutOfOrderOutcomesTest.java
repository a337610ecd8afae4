package dev.placenotify.notifier;

import static dev.placenotify.notifier.RunEvents.job;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.placenotify.testsupport.LocalAwsExtension;
import dev.placenotify.local.LocalPipeline;
import dev.placenotify.testsupport.SimulatedClock;
import dev.placenotify.testsupport.aws.LocalAws;
import dev.placenotify.model.JobRef;
import dev.placenotify.model.OutcomeStatus;
import dev.placenotify.model.RunEvent;
import dev.placenotify.model.SkippedItem;
import dev.placenotify.shell.QueuePublisher;
import dev.placenotify.model.Topology;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Reports reach the result queue in any order and some twice (SQS is at-least-once and unordered); the
 * notifier, running as its Lambda event source would, still posts one summary whose numbers are right.
 */
@ExtendWith(LocalAwsExtension.class)
class OutOfOrderOutcomesTest {
    private static final Instant CYCLE = Instant.parse("2025-10-22T05:00:00Z");

    @Test
    void outcomesOutOfOrderAndDuplicatedMakeOneSummaryWithCorrectCounts(LocalAws aws) {
        try (LocalPipeline p = LocalPipeline.start(aws, LocalPipeline.Options.defaults(LocalAwsExtension.uniqueEnvironment("nooo")),
                new SimulatedClock(CYCLE.plusSeconds(5)))) {
            RunEvents run = new RunEvents("c20251022T1400", CYCLE);
            // 화성점: two chunks, 5 + 2 jobs and one booking skipped for its landline; 안산점: one chunk, 2 jobs.
            List<JobRef> a0 = List.of(job("1051707", "b1", "CONFIRMATION"), job("1051707", "b2", "CONFIRMATION"),
                    job("1051707", "b3", "CONFIRMATION"), job("1051707", "b1", "REMINDER"),
                    job("1051707", "b4", "REMINDER"));
            List<JobRef> a1 = List.of(job("1051707", "b5", "CONFIRMATION"), job("1051707", "b6", "CONFIRMATION"));
            List<JobRef> b0 = List.of(job("951291", "b7", "CONFIRMATION"), job("951291", "b8", "EVENT"));
            List<RunEvent> events = new ArrayList<>(List.of(run.started("1051707", "951291"),
                    run.fetched("1051707", 2, 40), run.fetched("951291", 1, 12),
                    run.planned("1051707", 0, a0, List.of()),
                    run.planned("1051707", 1, a1, List.of(new SkippedItem("b9", "CONFIRMATION not sent: phone 031-****-4567 is a landline number, not a mobile"))),
                    run.planned("951291", 0, b0, List.of())));
            for (JobRef j : a0) {
                events.add(run.outcome(j, OutcomeStatus.SENT));
            }
            events.add(run.outcome(a1.get(0), OutcomeStatus.FAILED));
            events.add(run.outcome(a1.get(1), OutcomeStatus.UNKNOWN));
            events.add(run.outcome(b0.get(0), OutcomeStatus.SENT));
            events.add(run.outcome(b0.get(1), OutcomeStatus.SKIPPED));
            // Every report twice, a chunk report three times, all shuffled; the announcement last of all.
            List<RunEvent> delivered = new ArrayList<>(events.subList(1, events.size()));
            delivered.addAll(events.subList(1, events.size()));
            delivered.add(events.get(4));
            Collections.shuffle(delivered, new Random(20251022));
            delivered.add(events.get(0));
            delivered.add(events.get(0));

            new QueuePublisher(aws.sqs(), p.resources().queueUrl(Topology.RESULT)).publishAll(delivered);
            LocalPipeline.RunStatus status = p.awaitRun(run.runId, Duration.ofSeconds(30));

            assertThat(status.summarized()).isTrue();
            assertThat(status.complete()).isTrue();
            assertThat(Posts.telegramSummaries(p)).hasSize(1);
            String text = Posts.telegramSummaries(p).get(0);
            assertThat(text).startsWith("⚠️ place-notify 10월 22일 14:00 실행 완료")
                    .contains("SMS 발송 6건: 예약확정 4 · 상세안내 2 · 리뷰요청 0")
                    .contains("계획 9 = 발송 6 + 실패 1 + 건너뜀 1 + 불명 1\n")
                    .contains("매장 2/2 처리 · 예약 확정 52")
                    .contains("건너뛴 예약 1건")
                    .contains("🚨 발송 실패 1건")
                    .contains("❓ 결과 불명 1건")
                    .contains("실행 c20251022T1400");
            // One line per text, though every outcome came twice; the skipped one is only counted.
            assertThat(text).contains("""
                    예약확정 화성 새솔점
                    예약확정 화성 새솔점
                    예약확정 화성 새솔점
                    ❌ 예약확정 화성 새솔점 발송 실패
                    ❓ 예약확정 화성 새솔점 결과 불명
                    상세안내 화성 새솔점
                    상세안내 화성 새솔점
                    예약확정 안산 중앙점
                    실행 c20251022T1400""");
            assertThat(Posts.slackSummaries(p)).hasSize(1);
            JsonNode slack = Posts.slackSummaries(p).get(0);
            assertThat(slack.get("blocks").get(0).get("text").get("text").asText()).isEqualTo("⚠️ place-notify 10월 22일 14:00 실행 완료");
            assertThat(Posts.slackText(slack)).contains("SMS 발송 6건: 예약확정 4 · 상세안내 2 · 리뷰요청 0")
                    .contains("계획 9 = 발송 6 + 실패 1 + 건너뜀 1 + 불명 1")
                    .contains("화성 새솔점(1051707) 건너뜀: CONFIRMATION not sent: phone 031-****-4567 is a landline number");
            assertThat(p.runStatus(run.runId).summaryLine()).contains("SMS 발송 6건").contains("계획 9 = 발송 6");
        }
    }
}
