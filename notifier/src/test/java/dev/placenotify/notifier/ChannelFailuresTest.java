package dev.placenotify.notifier;

import dev.placenotify.testsupport.LocalContext;

import static dev.placenotify.notifier.RunEvents.job;
import static org.assertj.core.api.Assertions.assertThat;

import dev.placenotify.testsupport.LocalAwsExtension;
import dev.placenotify.testsupport.LocalWorld;
import dev.placenotify.testsupport.SimulatedClock;
import dev.placenotify.testsupport.aws.LocalAws;
import dev.placenotify.testsupport.sim.Fault;
import dev.placenotify.testsupport.sim.SimRequest;
import dev.placenotify.testsupport.sim.SlackWebhookSimulator;
import dev.placenotify.testsupport.sim.TelegramSimulator;
import dev.placenotify.model.JobRef;
import dev.placenotify.model.MessageCodec;
import dev.placenotify.model.OutcomeStatus;
import dev.placenotify.model.RunEvent;
import dev.placenotify.shell.EnvConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Each chat channel is retried on its own terms, and one failing never keeps the other from its summary. */
@ExtendWith(LocalAwsExtension.class)
class ChannelFailuresTest {
    private static final Instant CYCLE = Instant.parse("2025-10-22T05:00:00Z");

    @Test
    void telegramTooManyRequestsIsRetriedAfterItsRetryAfterThenPosted(LocalAws aws) {
        try (Fixture f = new Fixture(aws, Map.of())) {
            f.pipeline.telegram.enqueueFault(TelegramSimulator.tooManyRequests(1));
            f.completeRun();

            assertThat(Posts.telegramSummaries(f.pipeline)).hasSize(1);
            List<SimRequest> attempts = f.pipeline.telegram.httpRequests();
            assertThat(attempts).hasSize(2);
            assertThat(Duration.between(attempts.get(0).receivedAt(), attempts.get(1).receivedAt()))
                    .as("waited for retry_after").isGreaterThanOrEqualTo(Duration.ofMillis(950));
            assertThat(Posts.slackSummaries(f.pipeline)).hasSize(1);
            assertThat(Posts.runItem(f.pipeline, f.run.runId).get("telegram").s()).isEqualTo("posted after 2 attempt(s)");
        }
    }

    @Test
    void slackGoneIsNotRetriedAndTelegramStillGetsTheSummary(LocalAws aws) {
        try (Fixture f = new Fixture(aws, Map.of())) {
            f.pipeline.slack.enqueueFault(SlackWebhookSimulator.channelIsArchived());
            f.completeRun();

            assertThat(Posts.telegramSummaries(f.pipeline)).hasSize(1);
            assertThat(f.pipeline.slack.payloads()).isEmpty();
            assertThat(f.pipeline.slack.httpRequests()).as("410 is final: one attempt").hasSize(1);
            var run = Posts.runItem(f.pipeline, f.run.runId);
            assertThat(run.get("status").s()).isEqualTo("SUMMARIZED");
            assertThat(run.get("slack").s()).startsWith("FAILED: slack HTTP 410: gone: the channel is archived");
            assertThat(run.get("telegram").s()).startsWith("posted");
        }
    }

    @Test
    void slackRateLimitIsRetriedAfterRetryAfter(LocalAws aws) {
        try (Fixture f = new Fixture(aws, Map.of())) {
            f.pipeline.slack.enqueueFault(SlackWebhookSimulator.rateLimited(1));
            f.completeRun();
            assertThat(Posts.slackSummaries(f.pipeline)).hasSize(1);
            assertThat(f.pipeline.slack.httpRequests()).hasSize(2);
            assertThat(Posts.runItem(f.pipeline, f.run.runId).get("slack").s()).isEqualTo("posted after 2 attempt(s)");
        }
    }

    @Test
    void aTelegramThatHangsDoesNotDelaySlackAndIsNotPostedAgain(LocalAws aws) {
        try (Fixture f = new Fixture(aws, Map.of("POST_TIMEOUT_SECONDS", "1", "POST_ATTEMPTS", "2"))) {
            f.pipeline.telegram.enqueueFault(Fault.hangUnprocessed(Duration.ofSeconds(3)), 2);
            f.completeRun();

            assertThat(Posts.telegramSummaries(f.pipeline)).isEmpty();
            assertThat(Posts.slackSummaries(f.pipeline)).hasSize(1);
            List<SimRequest> telegram = f.pipeline.telegram.httpRequests();
            assertThat(telegram).as("no answer after the request left: it may have been posted, so no second attempt").hasSize(1);
            assertThat(f.pipeline.slack.httpRequests().get(0).receivedAt()).as("Slack posted while Telegram still waited")
                    .isBefore(telegram.get(0).receivedAt().plusSeconds(1));
            assertThat(Posts.runItem(f.pipeline, f.run.runId).get("telegram").s())
                    .startsWith("UNCERTAIN: telegram: no answer within 1.0 s");
        }
    }

    @Test
    void aConnectionThatIsNeverMadeIsRetriedBecauseNothingLeft(LocalAws aws) throws Exception {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        try (Fixture f = new Fixture(aws, Map.of("TELEGRAM_BASE_URL", "http://127.0.0.1:" + closedPort, "POST_ATTEMPTS", "3"))) {
            f.completeRun();
            assertThat(Posts.slackSummaries(f.pipeline)).hasSize(1);
            assertThat(Posts.runItem(f.pipeline, f.run.runId).get("telegram").s())
                    .startsWith("FAILED: telegram unreachable: ConnectException");
        }
    }

    @Test
    void aGatewayErrorMayComeAfterThePostSoItIsNotRetriedButServiceUnavailableIs(LocalAws aws) {
        try (Fixture f = new Fixture(aws, Map.of())) {
            f.pipeline.telegram.enqueueFault(TelegramSimulator.errorFault(502, "Bad Gateway"));
            f.pipeline.slack.enqueueFault(Fault.text(503, "service_unavailable"));
            f.completeRun();

            assertThat(f.pipeline.telegram.httpRequests()).hasSize(1);
            assertThat(Posts.runItem(f.pipeline, f.run.runId).get("telegram").s()).startsWith("UNCERTAIN: telegram HTTP 502");
            assertThat(f.pipeline.slack.httpRequests()).hasSize(2);
            assertThat(Posts.slackSummaries(f.pipeline)).hasSize(1);
            assertThat(Posts.runItem(f.pipeline, f.run.runId).get("slack").s()).isEqualTo("posted after 2 attempt(s)");
        }
    }

    @Test
    void aGroupUpgradedToASupergroupGetsTheSummaryAtItsNewIdAndTheOperatorIsToldToFixTheSecret(LocalAws aws) {
        try (Fixture f = new Fixture(aws, Map.of())) {
            String secretId = f.pipeline.env().get("TELEGRAM_SECRET_ID");
            f.pipeline.secrets.put(secretId, "{\"botToken\":\"" + LocalWorld.TELEGRAM_TOKEN + "\",\"chatId\":\"-4001234\"}");
            f.pipeline.telegram.upgradeToSupergroup("-4001234", -1001987654321L);
            f.completeRun();

            assertThat(Posts.telegramSummaries(f.pipeline)).hasSize(1);
            assertThat(f.pipeline.telegram.messages()).allSatisfy(m -> assertThat(m.chatId()).isEqualTo("-1001987654321"));
            assertThat(Posts.runItem(f.pipeline, f.run.runId).get("telegram").s()).startsWith("posted");
            assertThat(Posts.telegramAlerts(f.pipeline)).singleElement().satisfies(a -> assertThat(a)
                    .startsWith("🚨 텔레그램 채팅방 ID 변경 [telegram]")
                    .contains("set chatId to -1001987654321 in the secret " + secretId));
            assertThat(Posts.slackAlerts(f.pipeline)).singleElement().satisfies(a -> assertThat(a).contains("-1001987654321"));

            // The warm instance keeps the new id: the next run's summary goes straight there.
            RunEvents next = new RunEvents("c20251022T1420", CYCLE.plusSeconds(1200));
            JobRef j = job("1051707", "b9", "CONFIRMATION");
            int before = f.pipeline.telegram.httpRequests().size();
            f.notifier.handleRequest(RunEvents.sqsEvent(List.of(next.started("1051707"), next.fetched("1051707", 1, 1),
                    next.planned("1051707", 0, List.of(j), List.of()), next.outcome(j, OutcomeStatus.SENT))), new LocalContext("notifier"));
            assertThat(Posts.telegramSummaries(f.pipeline)).hasSize(2);
            assertThat(f.pipeline.telegram.httpRequests()).hasSize(before + 1);
            assertThat(f.pipeline.telegram.httpRequests().stream().filter(r -> chatId(r).equals("-4001234")))
                    .as("the old id was tried once, for the first post only").hasSize(1);
        }
    }

    private static String chatId(SimRequest request) {
        try {
            return MessageCodec.mapper().readTree(request.body()).path("chat_id").asText();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    /** A pipeline without its event sources, a notifier handler, and a small run it can complete. */
    private static final class Fixture implements AutoCloseable {
        final LocalWorld pipeline;
        final NotifierHandler notifier;
        final RunEvents run = new RunEvents("c20251022T1400", CYCLE);

        Fixture(LocalAws aws, Map<String, String> env) {
            SimulatedClock clock = new SimulatedClock(CYCLE.plusSeconds(4));
            pipeline = LocalWorld.start(aws, LocalWorld.Options.defaults(LocalAwsExtension.uniqueEnvironment("nch"))
                    .withEnv(env).withoutStages(), clock);
            notifier = new NotifierHandler(new NotifierComponents(NotifierConfig.from(new EnvConfig(pipeline.env())), clock));
        }

        void completeRun() {
            JobRef j = job("1051707", "b1", "CONFIRMATION");
            List<RunEvent> events = List.of(run.started("1051707"), run.fetched("1051707", 1, 3),
                    run.planned("1051707", 0, List.of(j), List.of()), run.outcome(j, OutcomeStatus.SENT));
            notifier.handleRequest(RunEvents.sqsEvent(events), new LocalContext("notifier"));
        }

        @Override
        public void close() {
            pipeline.close();
        }
    }
}
