package dev.placenotify.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.placenotify.testsupport.LocalAwsExtension;
import dev.placenotify.local.LocalPipeline;
import dev.placenotify.testsupport.SimulatedClock;
import dev.placenotify.testsupport.aws.LocalAws;
import dev.placenotify.shell.DeadLetters;
import dev.placenotify.model.Topology;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/** {@code status} reports the depths, runs and sessions a test created, as a table and as JSON. */
@ExtendWith(LocalAwsExtension.class)
class OperatorStatusTest {
    private static final Instant CYCLE = Instant.parse("2025-10-22T05:00:00Z");

    @Test
    void reportsQueueAndDlqDepthsInFlightMessagesRunsAndSessions(LocalAws aws) {
        // No stages: nothing consumes, so the depths stay what the test makes them.
        try (LocalPipeline p = LocalPipeline.start(aws, LocalPipeline.Options.defaults(LocalAwsExtension.uniqueEnvironment("opstatus"))
                .withoutStages(), new SimulatedClock(CYCLE))) {
            var sqs = p.aws().sqs();
            for (int i = 0; i < 3; i++) {
                sqs.sendMessage(b -> b.queueUrl(p.resources().queueUrl(Topology.FETCH)).messageBody("{}"));
            }
            for (int i = 0; i < 2; i++) {
                sqs.sendMessage(b -> b.queueUrl(p.resources().queueUrl(Topology.SMS)).messageBody("{}"));
            }
            // One SMS job in flight, as while a sender works on it.
            assertThat(sqs.receiveMessage(b -> b.queueUrl(p.resources().queueUrl(Topology.SMS)).maxNumberOfMessages(1)
                    .visibilityTimeout(120)).messages()).hasSize(1);
            for (int i = 0; i < 2; i++) {
                sqs.sendMessage(b -> b.queueUrl(p.resources().dlqUrl(Topology.SNAPSHOT)).messageBody("{\"runId\":\"c1\"}")
                        .messageAttributes(Map.of(DeadLetters.ATTR_ERROR,
                                MessageAttributeValue.builder().dataType("String").stringValue("boom").build())));
            }
            p.aws().dynamo().putItem(b -> b.tableName(p.table(Topology.RUNS)).item(Map.of(
                    "runId", AttributeValue.fromS("c20251022T1400"), "item", AttributeValue.fromS("RUN"),
                    "status", AttributeValue.fromS("SUMMARIZED"), "cycleAt", AttributeValue.fromS(CYCLE.toString()),
                    "complete", AttributeValue.fromBool(true), "firstSeenAt", AttributeValue.fromS(CYCLE.toString()),
                    "summaryLine", AttributeValue.fromS("SMS 발송 23건"))));
            OperatorRun op = new OperatorRun(p);

            OperatorRun.Result json = op.run("status", "--json");

            assertThat(json.code()).as(json.toString()).isZero();
            JsonNode report = json.json();
            // The four stages, then the two functions beside them.
            assertThat(report.path("stages").findValuesAsText("stage")).containsExactly("fetcher", "planner", "sender", "notifier",
                    "session-renewal", "delivery-check");
            JsonNode fetcher = stage(report, "fetcher");
            assertThat(fetcher.path("queue").path("visible").asLong()).isEqualTo(3);
            assertThat(fetcher.path("queue").path("name").asText()).isEqualTo(Topology.FETCH.queueName(p.resources().environmentName()));
            assertThat(fetcher.path("dlq").path("visible").asLong()).isZero();
            JsonNode sender = stage(report, "sender");
            assertThat(sender.path("queue").path("visible").asLong()).isEqualTo(1);
            assertThat(sender.path("queue").path("inFlight").asLong()).isEqualTo(1);
            JsonNode planner = stage(report, "planner");
            assertThat(planner.path("dlq").path("visible").asLong()).isEqualTo(2);
            assertThat(planner.path("dlq").path("ageSource").asText()).isEqualTo("sampled");
            assertThat(planner.path("dlq").path("oldestAgeSeconds").isNumber()).isTrue();
            assertThat(report.path("runs").get(0).path("runId").asText()).isEqualTo("c20251022T1400");
            assertThat(report.path("runs").get(0).path("summaryLine").asText()).isEqualTo("SMS 발송 23건");
            assertThat(report.path("sessions").get(0).path("accountId").asText()).isEqualTo(LocalPipeline.NAVER_ACCOUNT);
            assertThat(report.path("sessions").get(0).path("status").asText()).isEqualTo("VALID");
            assertThat(json.out()).doesNotContain(LocalPipeline.NID_AUT).doesNotContain(LocalPipeline.NID_SES);
            // The peek that measured the DLQ's age left its messages where they were.
            assertThat(p.depth(p.resources().dlqUrl(Topology.SNAPSHOT), false)).isEqualTo(2);

            OperatorRun.Result table = op.run("status");
            assertThat(table.code()).isZero();
            assertThat(table.out()).containsPattern("fetcher +place-notify-\\S+-fetch +3 +0 ")
                    .containsPattern("sender +place-notify-\\S+-sms +1 +1 ")
                    .containsPattern("planner +place-notify-\\S+-snapshot +0 +0 +- +2 ")
                    .contains("2 message(s) in DLQs").contains("c20251022T1400").contains("SMS 발송 23건")
                    .contains("2025-10-22 14:00");

            OperatorRun.Result one = op.run("status", "--stage", "planner", "--json");
            assertThat(one.json().path("stages")).hasSize(1);
            assertThat(stage(one.json(), "planner").path("dlq").path("visible").asLong()).isEqualTo(2);
        }
    }

    @Test
    void aStageThatDoesNotExistLocallyIsAClearError(LocalAws aws) {
        try (LocalPipeline p = LocalPipeline.start(aws, LocalPipeline.Options.defaults(LocalAwsExtension.uniqueEnvironment("opstatus"))
                .withoutStages(), new SimulatedClock(CYCLE))) {
            OperatorRun.Result r = new OperatorRun(p).run("status", "--local-env", "nosuch");
            assertThat(r.code()).isEqualTo(1);
            assertThat(r.err()).contains("queue place-notify-nosuch-fetch does not exist").contains("environment name 'nosuch'");
        }
    }

    private static JsonNode stage(JsonNode report, String name) {
        for (JsonNode s : report.path("stages")) {
            if (s.path("stage").asText().equals(name)) {
                return s;
            }
        }
        throw new AssertionError("no stage " + name + " in " + report);
    }
}
