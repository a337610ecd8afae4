package dev.placenotify.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.placenotify.model.Topology;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Issue 15's delivery results as deployed: the delivery-check function on the delivery queue (through its alias, like
 * every consumer), the 09:00 digest, the sender's queue URL. What they share with every function is FunctionsTest's.
 */
class DeliveryFunctionsTest {
    private static final Stacks.Synthesized DEV = Stacks.dev();
    private static final PlaceNotifyStack ST = DEV.stack();

    private static String ref(JsonNode node) {
        return node.path("Ref").asText(null);
    }

    @Test
    void theCheckRunsTheSendersJarOnTheDeliveryQueueWithItsResources() {
        JsonNode f = DEV.props(ST.function(JavaFunction.DELIVERY_CHECK));
        assertThat(f.path("Handler").asText()).isEqualTo("dev.placenotify.sender.delivery.DeliveryCheckHandler::handleRequest");
        assertThat(f.path("Runtime").asText()).isEqualTo("java21");
        assertThat(f.path("FunctionName").asText()).isEqualTo("place-notify-dev-delivery-check");
        assertThat(f.path("Timeout").asInt()).isEqualTo(Topology.DELIVERY.consumerTimeoutSeconds());
        JsonNode env = f.path("Environment").path("Variables");
        Set<String> names = new TreeSet<>();
        env.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactlyInAnyOrder("ENVIRONMENT_NAME", "POWERTOOLS_SERVICE_NAME", "POWERTOOLS_METRICS_NAMESPACE",
                "POWERTOOLS_LOG_LEVEL", "JAVA_TOOL_OPTIONS", "DELIVERY_QUEUE_URL", "DELIVERY_DLQ_URL", "RESULT_QUEUE_URL",
                "IDEMPOTENCY_TABLE", "SENS_SECRET_ID");
        assertThat(ref(env.path("DELIVERY_QUEUE_URL"))).isEqualTo(DEV.id(ST.queue(Topology.DELIVERY)));
        assertThat(ref(env.path("DELIVERY_DLQ_URL"))).isEqualTo(DEV.id(ST.dlq(Topology.DELIVERY)));
        assertThat(ref(env.path("IDEMPOTENCY_TABLE"))).isEqualTo(DEV.id(ST.table(Topology.IDEMPOTENCY)));
        assertThat(ref(env.path("SENS_SECRET_ID"))).isEqualTo(DEV.id(ST.sensSecret()));

        JsonNode mapping = DEV.resources("AWS::Lambda::EventSourceMapping").values().stream()
                .filter(m -> m.get("Properties").path("EventSourceArn").path("Fn::GetAtt").get(0).asText()
                        .equals(DEV.id(ST.queue(Topology.DELIVERY)))).findFirst().orElseThrow().get("Properties");
        assertThat(mapping.path("FunctionName").toString()).contains(DEV.id(ST.alias(JavaFunction.DELIVERY_CHECK))).contains(":live");
        assertThat(mapping.path("BatchSize").asInt()).isEqualTo(Topology.DELIVERY.batchSize());
        assertThat(mapping.path("FunctionResponseTypes").get(0).asText()).isEqualTo("ReportBatchItemFailures");
        assertThat(mapping.path("ScalingConfig").path("MaximumConcurrency").asInt()).isEqualTo(Topology.DELIVERY.maxConcurrency());
    }

    @Test
    void theDigestRunsTheNotifiersJarDailyAtNineSeoulTimeThroughItsAlias() {
        JsonNode f = DEV.props(ST.function(JavaFunction.DELIVERY_DIGEST));
        assertThat(f.path("Handler").asText()).isEqualTo("dev.placenotify.notifier.DeliveryDigestHandler::handleRequest");
        JsonNode env = f.path("Environment").path("Variables");
        assertThat(ref(env.path("RUNS_TABLE"))).isEqualTo(DEV.id(ST.table(Topology.RUNS)));
        assertThat(ref(env.path("TELEGRAM_SECRET_ID"))).isEqualTo(DEV.id(ST.telegramSecret()));
        assertThat(ref(env.path("SLACK_SECRET_ID"))).isEqualTo(DEV.id(ST.slackSecret()));
        assertThat(ref(env.path("RESULT_DLQ_URL"))).isEqualTo(DEV.id(ST.dlq(Topology.RESULT)));
        JsonNode schedule = DEV.props(ST.digestSchedule());
        assertThat(schedule.path("ScheduleExpression").asText()).isEqualTo("cron(0 9 * * ? *)");
        assertThat(schedule.path("ScheduleExpressionTimezone").asText()).isEqualTo("Asia/Seoul");
        assertThat(schedule.path("State").asText()).isEqualTo("ENABLED");
        assertThat(schedule.path("Target").path("Arn").toString()).contains(DEV.id(ST.alias(JavaFunction.DELIVERY_DIGEST)));
    }

    @Test
    void theDeliveryQueueHasItsDlqAndOutputs() {
        assertThat(DEV.props(ST.queue(Topology.DELIVERY)).path("QueueName").asText()).isEqualTo("place-notify-dev-delivery");
        assertThat(DEV.json().path("Outputs").has("DeliveryQueueUrl")).isTrue();
        assertThat(DEV.json().path("Outputs").has("DeliveryDlqUrl")).isTrue();
    }
}
