package dev.placenotify.local.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.placenotify.testsupport.LocalAwsExtension;
import dev.placenotify.local.LocalPipeline;
import dev.placenotify.testsupport.SimulatedClock;
import dev.placenotify.testsupport.aws.LocalAws;
import dev.placenotify.shell.DeadLetters;
import dev.placenotify.model.Topology;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Issue 13 item 3: a replay of a DLQ holding a message its stage can never process. The stage dead-letters it
 * again as soon as it sees it; the replay must still end, having moved it exactly once, and say that it came
 * back, instead of moving it round and round (60,000 round trips in 10 minutes before the fix). Every stage,
 * each with a {@code --rate} (SQS's move task at a rate kept moving the message that came back).
 */
@ExtendWith(LocalAwsExtension.class)
class ReplayPoisonTest {
    private static final Instant CYCLE = Instant.parse("2025-10-22T05:00:00Z");
    private static final String POISON = "not json: a message no stage can decode";

    @ParameterizedTest
    @EnumSource(Topology.Stage.class)
    void aPoisonMessageIsMovedOnceAndReportedWhenItComesBack(Topology.Stage stage, LocalAws aws) throws Exception {
        try (LocalPipeline p = LocalPipeline.start(aws, LocalPipeline.Options.defaults(
                LocalAwsExtension.uniqueEnvironment("oppoison" + stage.lowerName().charAt(0))).withVisibility(Duration.ofSeconds(1)),
                new SimulatedClock(CYCLE))) {
            String input = p.resources().queueUrl(stage.input());
            String dlq = p.resources().dlqUrl(stage.input());
            p.aws().sqs().sendMessage(b -> b.queueUrl(input).messageBody(POISON));
            await().atMost(Duration.ofSeconds(30)).until(() -> p.depth(dlq, true) == 1);
            Message before = peek(p, dlq).get(0);
            assertThat(before.messageAttributes()).containsKey(DeadLetters.ATTR_ERROR);

            OperatorRun op = new OperatorRun(p);
            OperatorRun.Result replay = within(Duration.ofSeconds(90), () -> op.run("replay", "--stage", stage.lowerName(),
                    "--rate", "5", "--watch", "10", "--yes"));

            assertThat(replay.code()).as(replay.toString()).isZero();
            assertThat(replay.out()).as(replay.toString())
                    .contains("1 message(s) in " + queueName(dlq) + " when the replay started")
                    .contains("replayed 1 message(s) to " + queueName(input))
                    .contains("1 message(s) came back to " + queueName(dlq))
                    .contains(before.messageId());
            // Nothing moves it again: after the stages go quiet, it waits in the DLQ, dead-lettered once more,
            // and it is the copy the replay reported (its id and the id of the copy the replay sent).
            p.awaitQuiet(Duration.ofSeconds(10));
            Thread.sleep(1_500);
            assertThat(p.depth(input, true)).isZero();
            List<Message> after = peek(p, dlq);
            assertThat(after).hasSize(1);
            Message back = after.get(0);
            assertThat(back.body()).isEqualTo(POISON);
            String movedAs = back.messageAttributes().get(DeadLetters.ATTR_ORIGINAL_ID).stringValue();
            assertThat(movedAs).isNotEqualTo(before.messageId());
            assertThat(replay.out()).contains(back.messageId()).contains(movedAs)
                    .contains(back.messageAttributes().get(DeadLetters.ATTR_ERROR).stringValue());
        }
    }

    private static String queueName(String url) {
        return url.substring(url.lastIndexOf('/') + 1);
    }

    /** The DLQ's messages, looked at and left in place (a DLQ has no consumer and no redrive). */
    private static List<Message> peek(LocalPipeline p, String dlq) {
        return p.aws().sqs().receiveMessage(b -> b.queueUrl(dlq).maxNumberOfMessages(10).visibilityTimeout(0)
                .messageAttributeNames("All").messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
    }

    /** Runs the CLI with a deadline: before the fix the replay never ended. */
    private static OperatorRun.Result within(Duration limit, java.util.function.Supplier<OperatorRun.Result> run)
            throws Exception {
        CompletableFuture<OperatorRun.Result> done = CompletableFuture.supplyAsync(run);
        try {
            return done.get(limit.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("the replay did not finish within " + limit + " (it keeps moving what comes back)");
        }
    }
}
