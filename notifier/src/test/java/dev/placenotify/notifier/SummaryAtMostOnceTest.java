package dev.placenotify.notifier;

import static dev.placenotify.notifier.RunEvents.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.placenotify.testsupport.LocalAwsExtension;
import dev.placenotify.testsupport.LocalContext;
import dev.placenotify.testsupport.LocalWorld;
import dev.placenotify.testsupport.SimulatedClock;
import dev.placenotify.testsupport.aws.LocalAws;
import dev.placenotify.testsupport.sim.Fault;
import dev.placenotify.testsupport.sim.SimRequest;
import dev.placenotify.model.JobRef;
import dev.placenotify.model.OutcomeStatus;
import dev.placenotify.model.RunEvent;
import dev.placenotify.shell.EnvConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Issue 13 item 4: one summary per run per channel, whatever dies, hangs or runs out of time. A notifier
 * instance is "killed" with a {@link CrashSwitch} on its DynamoDB client at the point under test; a
 * fresh instance plays the sweep that takes the run over once the claim is stale (180 s), and the chat
 * simulators say what the owners received.
 */
@ExtendWith(LocalAwsExtension.class)
class SummaryAtMostOnceTest {
    private static final Instant CYCLE = Instant.parse("2025-10-22T05:00:00Z");
    private static final Duration STALE_CLAIM = Duration.ofSeconds(180);

    @Test
    void aNotifierKilledBetweenPostingAndRecordingIsTakenOverWithoutPostingAgain(LocalAws aws) {
        try (Fixture f = new Fixture(aws, Map.of())) {
            // Both posts arrive; the instance dies before it gets either answer, so it records neither.
            CountDownLatch bothArrived = new CountDownLatch(2);
            Function<SimRequest, Duration> dieOnceBothArrived = request -> {
                bothArrived.countDown();
                Poll.until(Duration.ofSeconds(10), () -> bothArrived.getCount() == 0);
                f.crash.trip();
                return Duration.ZERO;
            };
            f.pipeline.telegram.setLatencyPerRequest(dieOnceBothArrived);
            f.pipeline.slack.setLatencyPerRequest(dieOnceBothArrived);
            f.deliverCompleteRun(f.dying);
            assertThat(f.crash.tripped()).isTrue();
            assertThat(Posts.telegramSummaries(f.pipeline)).hasSize(1);
            assertThat(Posts.slackSummaries(f.pipeline)).hasSize(1);
            f.pipeline.telegram.setLatency(Duration.ZERO);
            f.pipeline.slack.setLatency(Duration.ZERO);

            f.sweepAfterStaleClaim();

            assertThat(Posts.telegramSummaries(f.pipeline)).as("telegram: posted once, never again").hasSize(1);
            assertThat(Posts.slackSummaries(f.pipeline)).as("slack: posted once, never again").hasSize(1);
            var run = Posts.runItem(f.pipeline, f.run.runId);
            assertThat(run.get("status").s()).isEqualTo("SUMMARIZED");
            assertThat(run.get("telegram").s()).startsWith("UNCERTAIN");
            assertThat(run.get("slack").s()).startsWith("UNCERTAIN");
            f.sweepAfterStaleClaim();
            assertThat(f.pipeline.telegram.httpRequests()).hasSize(1);
            assertThat(f.pipeline.slack.httpRequests()).hasSize(1);
        }
    }

    @Test
    void aChannelThatAcceptsButNeverAnswersIsRecordedAndNotPostedAgain(LocalAws aws) {
        try (Fixture f = new Fixture(aws, Map.of("POST_TIMEOUT_SECONDS", "2"))) {
            f.pipeline.telegram.enqueueFault(Fault.hangProcessed(Duration.ofSeconds(20)));
            f.deliverCompleteRun(f.alive);

            assertThat(f.pipeline.telegram.httpRequests()).as("a timeout after the request left is not retried").hasSize(1);
            assertThat(Posts.telegramSummaries(f.pipeline)).as("Telegram accepted it").hasSize(1);
            assertThat(Posts.slackSummaries(f.pipeline)).hasSize(1);
            var run = Posts.runItem(f.pipeline, f.run.runId);
            assertThat(run.get("status").s()).isEqualTo("SUMMARIZED");
            assertThat(run.get("telegram").s()).startsWith("UNCERTAIN").contains("telegram");
            assertThat(run.get("slack").s()).startsWith("posted");

            f.sweepAfterStaleClaim();
            assertThat(f.pipeline.telegram.httpRequests()).hasSize(1);
            assertThat(f.pipeline.slack.httpRequests()).hasSize(1);
        }
    }

    @Test
    void aNotifierThatDiesWhileAChannelHangsIsTakenOverWithoutPostingThatChannelAgain(LocalAws aws) {
        try (Fixture f = new Fixture(aws, Map.of("POST_TIMEOUT_SECONDS", "2"))) {
            // Slack answers and its answer is recorded; Telegram accepts the post and never answers, and
            // the instance dies while it waits (Lambda's timeout).
            f.pipeline.telegram.enqueueFault(Fault.hangProcessed(Duration.ofSeconds(20)));
            f.pipeline.telegram.setLatencyPerRequest(request -> {
                Poll.until(Duration.ofSeconds(10), () -> {
                    var run = Posts.runItem(f.pipeline, f.run.runId);
                    return run != null && run.containsKey("slack") && run.get("slack").s().startsWith("posted");
                });
                f.crash.trip();
                return Duration.ZERO;
            });
            f.deliverCompleteRun(f.dying);
            f.pipeline.telegram.setLatency(Duration.ZERO);

            f.sweepAfterStaleClaim();

            assertThat(f.pipeline.telegram.httpRequests()).as("the hung channel is not posted again").hasSize(1);
            assertThat(f.pipeline.slack.httpRequests()).hasSize(1);
            var run = Posts.runItem(f.pipeline, f.run.runId);
            assertThat(run.get("status").s()).isEqualTo("SUMMARIZED");
            assertThat(run.get("telegram").s()).startsWith("UNCERTAIN");
            assertThat(run.get("slack").s()).startsWith("posted");
        }
    }

    @Test
    void lateOutcomesTakenByASummaryThatDiesAreReportedByItsTakeover(LocalAws aws) {
        try (Fixture f = new Fixture(aws, Map.of("RUN_DEADLINE_SECONDS", "60"))) {
            RunEvents first = new RunEvents("c20251022T1340", CYCLE.minusSeconds(1200));
            JobRef pending = job("1051707", "p1", "REMINDER");
            invoke(new NotifierHandler(f.alive), List.of(first.started("1051707"), first.fetched("1051707", 1, 2),
                    first.planned("1051707", 0, List.of(pending), List.of())));
            f.clock.set(f.clock.instant().plusSeconds(61));
            f.sweep(f.alive);
            assertThat(Posts.telegramSummaries(f.pipeline)).singleElement().satisfies(s -> assertThat(s).contains("실행 미완료"));
            // The pending job's outcome comes after that summary: it is late, for the next summary to report.
            invoke(new NotifierHandler(f.alive), List.of(first.outcome(pending, OutcomeStatus.SENT)));

            // The next run's summariser takes the late outcome and dies right after the take.
            f.crash.tripAfter(request -> request instanceof UpdateItemRequest u && u.conditionExpression() != null
                    && u.conditionExpression().contains("lateVersion"));
            f.deliverCompleteRun(f.dying);
            assertThat(f.crash.tripped()).as("the take happened").isTrue();

            f.sweepAfterStaleClaim();

            List<String> summaries = Posts.telegramSummaries(f.pipeline);
            assertThat(summaries).hasSize(2);
            assertThat(summaries.get(1)).contains("실행 " + f.run.runId)
                    .contains("↩️ 이전 실행 c20251022T1340의 늦은 결과: 발송 1 · 실패 0 · 건너뜀 0 · 불명 0");
            assertThat(Posts.slackSummaries(f.pipeline)).hasSize(2);
            assertThat(Posts.slackText(Posts.slackSummaries(f.pipeline).get(1))).contains("이전 실행 c20251022T1340의 늦은 결과: 발송 1");
        }
    }

    @Test
    void noPostStartsThatCannotFinishBeforeTheInvocationEnds(LocalAws aws) {
        try (Fixture f = new Fixture(aws, Map.of("POST_TIMEOUT_SECONDS", "10"))) {
            // 8 s left: a 10 s post attempt (plus the reserve for recording) cannot finish, so none starts.
            f.deliverCompleteRun(f.alive, new LocalContext("notifier", Duration.ofSeconds(8)));
            assertThat(f.pipeline.telegram.httpRequests()).isEmpty();
            assertThat(f.pipeline.slack.httpRequests()).isEmpty();
            assertThat(f.pipeline.runStatus(f.run.runId).summarized()).isFalse();

            // The next invocation with time to spare posts it, without waiting for the claim to go stale.
            f.sweep(f.alive);
            assertThat(Posts.telegramSummaries(f.pipeline)).singleElement().satisfies(s -> assertThat(s).contains("실행 완료"));
            assertThat(Posts.slackSummaries(f.pipeline)).hasSize(1);
            assertThat(f.pipeline.runStatus(f.run.runId).summarized()).isTrue();
        }
    }

    @Test
    void aHungChannelNeverHoldsTheInvocationPastItsRemainingTime(LocalAws aws) {
        try (Fixture f = new Fixture(aws, Map.of("POST_TIMEOUT_SECONDS", "3", "POST_ATTEMPTS", "3"))) {
            f.pipeline.telegram.enqueueFault(Fault.hangUnprocessed(Duration.ofSeconds(30)), 3);
            LocalContext context = new LocalContext("notifier", Duration.ofSeconds(9));
            f.deliverCompleteRun(f.alive, context);

            assertThat(context.getRemainingTimeInMillis()).as("returned with the reserve for recording left")
                    .isGreaterThanOrEqualTo(3_000);
            assertThat(Posts.slackSummaries(f.pipeline)).hasSize(1);
            assertThat(f.pipeline.telegram.httpRequests()).hasSize(1);
            assertThat(Posts.runItem(f.pipeline, f.run.runId).get("telegram").s()).startsWith("UNCERTAIN");
        }
    }

    private static void invoke(NotifierHandler handler, List<? extends RunEvent> events) {
        var response = handler.handleRequest(RunEvents.sqsEvent(events), new LocalContext("notifier"));
        assertThat(response.getBatchItemFailures()).as("every event applied").isEmpty();
    }

    /** A pipeline without event sources; two notifier instances on it, one of which can be killed. */
    private static final class Fixture implements AutoCloseable {
        final SimulatedClock clock = new SimulatedClock(CYCLE.plusSeconds(4));
        final LocalWorld pipeline;
        final CrashSwitch crash = new CrashSwitch();
        final NotifierComponents alive;
        final NotifierComponents dying;
        final RunEvents run = new RunEvents("c20251022T1400", CYCLE);

        Fixture(LocalAws aws, Map<String, String> env) {
            pipeline = LocalWorld.start(aws, LocalWorld.Options.defaults(LocalAwsExtension.uniqueEnvironment("namo"))
                    .withEnv(env).withEnv(Map.of("SUMMARY_CLAIM_TIMEOUT_SECONDS", Long.toString(STALE_CLAIM.toSeconds())))
                    .withoutStages(), clock);
            NotifierConfig config = NotifierConfig.from(new EnvConfig(pipeline.env()));
            alive = new NotifierComponents(config, clock);
            dying = new NotifierComponents(config, clock, crash.client(aws.dynamoEndpoint()));
        }

        void deliverCompleteRun(NotifierComponents instance) {
            deliverCompleteRun(instance, new LocalContext("notifier"));
        }

        /** A one-store run, complete with its last report: the instance summarises it at once. */
        void deliverCompleteRun(NotifierComponents instance, LocalContext context) {
            JobRef j = job("1051707", "b1", "CONFIRMATION");
            List<RunEvent> events = List.of(run.started("1051707"), run.fetched("1051707", 1, 3),
                    run.planned("1051707", 0, List.of(j), List.of()), run.outcome(j, OutcomeStatus.SENT));
            // A killed instance's invocation ends with the simulated death; what matters is what it left behind.
            catchThrowable(() -> new NotifierHandler(instance).handleRequest(RunEvents.sqsEvent(events), context));
        }

        void sweep(NotifierComponents instance) {
            new SweepHandler(instance).handleRequest(Map.of(), new LocalContext("sweep"));
        }

        /** The next sweep after the dead instance's claim went stale, by a fresh instance. */
        void sweepAfterStaleClaim() {
            clock.set(clock.instant().plus(STALE_CLAIM).plusSeconds(1));
            sweep(alive);
        }

        @Override
        public void close() {
            pipeline.close();
        }
    }
}
