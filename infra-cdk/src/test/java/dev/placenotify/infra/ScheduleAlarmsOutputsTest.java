package dev.placenotify.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.placenotify.model.QueueSpec;
import dev.placenotify.model.Topology;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class ScheduleAlarmsOutputsTest {
    private static final Stacks.Synthesized DEV = Stacks.dev();
    private static final PlaceNotifyStack ST = DEV.stack();

    // ---------------------------------------------------------------- schedules

    @Test
    void tickEveryTwentyMinutesOnTheMinuteInSeoulTimeHitsTwentyHundred() {
        JsonNode tick = DEV.props(ST.tickSchedule());
        assertThat(tick.path("Name").asText()).isEqualTo("place-notify-dev-tick");
        assertThat(tick.path("ScheduleExpression").asText()).isEqualTo("cron(0/20 * * * ? *)");
        assertThat(tick.path("ScheduleExpressionTimezone").asText()).isEqualTo("Asia/Seoul");
        assertThat(tick.path("State").asText()).isEqualTo("ENABLED");
        assertThat(tick.path("FlexibleTimeWindow").path("Mode").asText()).isEqualTo("OFF");
        assertThat(tick.path("Target").path("Arn").path("Ref").asText()).isEqualTo(DEV.id(ST.alias(JavaFunction.SCHEDULE)));
        String input = tick.path("Target").path("Input").toString();
        assertThat(input).contains("Scheduled Event", "<aws.scheduler.scheduled-time>");

        // Expand the expression's minute and hour fields: in KST the day's ticks include 20:00.
        String[] fields = tick.path("ScheduleExpression").asText().replace("cron(", "").replace(")", "").split(" ");
        Set<LocalTime> fires = new TreeSet<>();
        for (int h : expand(fields[1], 24)) {
            for (int m : expand(fields[0], 60)) {
                fires.add(LocalTime.of(h, m));
            }
        }
        assertThat(fires).hasSize(72).contains(LocalTime.of(20, 0), LocalTime.of(19, 40), LocalTime.of(20, 20));
    }

    /** Values of one cron field: "*", "a/b" or a single number. */
    private static List<Integer> expand(String field, int range) {
        List<Integer> out = new ArrayList<>();
        if (field.equals("*")) {
            for (int i = 0; i < range; i++) {
                out.add(i);
            }
        } else if (field.contains("/")) {
            String[] p = field.split("/");
            for (int i = Integer.parseInt(p[0]); i < range; i += Integer.parseInt(p[1])) {
                out.add(i);
            }
        } else {
            out.add(Integer.parseInt(field));
        }
        return out;
    }

    @Test
    void sweepEveryFiveMinutes() {
        JsonNode sweep = DEV.props(ST.sweepSchedule());
        assertThat(sweep.path("ScheduleExpression").asText()).isEqualTo("cron(0/5 * * * ? *)");
        assertThat(sweep.path("Target").path("Arn").path("Ref").asText()).isEqualTo(DEV.id(ST.alias(JavaFunction.SWEEP)));
        assertThat(sweep.path("Target").path("RetryPolicy").path("MaximumRetryAttempts").asInt()).isZero();
    }

    @Test
    void scheduledFunctionsDoNotRetryPastTheNextTick() {
        Map<String, JsonNode> configs = DEV.resources("AWS::Lambda::EventInvokeConfig");
        assertThat(configs).hasSize(3);
        for (JsonNode c : configs.values()) {
            JsonNode p = c.get("Properties");
            String fn = p.path("FunctionName").path("Ref").asText();
            if (fn.equals(DEV.id(ST.function(JavaFunction.DELIVERY_DIGEST)))) {
                // The digest is claimed before it is posted: a retry would find the claim and post nothing anyway.
                assertThat(p.path("MaximumRetryAttempts").asInt()).isZero();
            } else if (fn.equals(DEV.id(ST.function(JavaFunction.SCHEDULE)))) {
                assertThat(p.path("MaximumRetryAttempts").asInt()).isEqualTo(1);
                assertThat(p.path("MaximumEventAgeInSeconds").asInt()).isLessThan(20 * 60);
            } else {
                assertThat(fn).isEqualTo(DEV.id(ST.function(JavaFunction.SWEEP)));
                assertThat(p.path("MaximumRetryAttempts").asInt()).isZero();
            }
        }
    }

    // ---------------------------------------------------------------- alarms

    private static List<JsonNode> alarms(Stacks.Synthesized s) {
        List<JsonNode> out = new ArrayList<>();
        s.resources("AWS::CloudWatch::Alarm").values().forEach(a -> out.add(a.get("Properties")));
        return out;
    }

    private static List<JsonNode> alarmsOn(Stacks.Synthesized s, String namespace, String metric) {
        return alarms(s).stream().filter(a -> a.path("Namespace").asText().equals(namespace)
                && a.path("MetricName").asText().equals(metric)).toList();
    }

    private static Set<String> dimensionRefs(List<JsonNode> alarms) {
        Set<String> refs = new HashSet<>();
        for (JsonNode a : alarms) {
            for (JsonNode d : a.path("Dimensions")) {
                JsonNode v = d.path("Value");
                refs.add(v.has("Ref") ? v.get("Ref").asText()
                        : v.has("Fn::GetAtt") ? v.get("Fn::GetAtt").get(0).asText() : v.asText());
            }
        }
        return refs;
    }

    @Test
    void everyAlarmNotifiesTheTopic() {
        String topic = DEV.id(ST.alarmTopic());
        List<JsonNode> all = alarms(DEV);
        assertThat(all).isNotEmpty();
        for (JsonNode a : all) {
            assertThat(a.path("AlarmActions").get(0).path("Ref").asText()).isEqualTo(topic);
            assertThat(a.path("OKActions").get(0).path("Ref").asText()).isEqualTo(topic);
            assertThat(a.path("AlarmName").asText()).startsWith("place-notify-dev-");
        }
    }

    @Test
    void anyDlqWithMessagesAlarms() {
        List<JsonNode> depth = alarmsOn(DEV, "AWS/SQS", "ApproximateNumberOfMessagesVisible");
        Set<String> expected = new HashSet<>();
        Topology.QUEUES.forEach(q -> expected.add(DEV.id(ST.dlq(q))));
        assertThat(dimensionRefs(depth)).isEqualTo(expected);
        depth.forEach(a -> {
            assertThat(a.path("Threshold").asInt()).isEqualTo(1);
            assertThat(a.path("ComparisonOperator").asText()).isEqualTo("GreaterThanOrEqualToThreshold");
        });
    }

    @Test
    void ageOfOldestMessageAlarmsPerQueue() {
        List<JsonNode> age = alarmsOn(DEV, "AWS/SQS", "ApproximateAgeOfOldestMessage");
        Set<String> expected = new HashSet<>();
        for (QueueSpec q : Topology.QUEUES) {
            expected.add(DEV.id(ST.queue(q)));
        }
        assertThat(dimensionRefs(age)).isEqualTo(expected);
        age.forEach(a -> assertThat(a.path("Threshold").asInt()).isEqualTo(3600));
        alarmsOn(Stacks.prod(), "AWS/SQS", "ApproximateAgeOfOldestMessage")
                .forEach(a -> assertThat(a.path("Threshold").asInt()).isEqualTo(1200));
    }

    @Test
    void errorsAndThrottlesPerFunction() {
        Set<String> fns = new HashSet<>();
        for (JavaFunction f : JavaFunction.values()) {
            fns.add(DEV.id(ST.function(f)));
        }
        fns.add(DEV.id(ST.renewalFunction()));
        assertThat(dimensionRefs(alarmsOn(DEV, "AWS/Lambda", "Errors"))).isEqualTo(fns);
        assertThat(dimensionRefs(alarmsOn(DEV, "AWS/Lambda", "Throttles"))).isEqualTo(fns);
    }

    @Test
    void noRunSummaryInAnHourAlarmsInProdOnlyByDefault() {
        assertThat(alarmsOn(DEV, "PlaceNotify", "RunSummaryPosted")).isEmpty();
        List<JsonNode> prod = alarmsOn(Stacks.prod(), "PlaceNotify", "RunSummaryPosted");
        assertThat(prod).hasSize(1);
        JsonNode a = prod.get(0);
        assertThat(a.path("Statistic").asText()).isEqualTo("Sum");
        assertThat(a.path("Period").asInt()).isEqualTo(3600);
        assertThat(a.path("EvaluationPeriods").asInt()).isEqualTo(1);
        assertThat(a.path("Threshold").asInt()).isEqualTo(1);
        assertThat(a.path("ComparisonOperator").asText()).isEqualTo("LessThanThreshold");
        assertThat(a.path("TreatMissingData").asText()).isEqualTo("breaching");
        assertThat(a.path("Dimensions")).hasSize(1);
        assertThat(a.path("Dimensions").get(0).path("Name").asText()).isEqualTo("service");
        assertThat(a.path("Dimensions").get(0).path("Value").asText()).isEqualTo("place-notify-prod-notifier");
    }

    @Test
    void unknownSmsOutcomesAlarm() {
        List<JsonNode> unknown = alarmsOn(DEV, "PlaceNotify", "SmsUnknown");
        assertThat(unknown).hasSize(1);
        assertThat(unknown.get(0).path("Dimensions").get(0).path("Value").asText()).isEqualTo("place-notify-dev-sender");
    }

    @Test
    void alarmTopicIsEncryptedWithARotatedKeyTlsOnlyAndOpenToCloudWatch() {
        JsonNode topic = DEV.props(ST.alarmTopic());
        assertThat(topic.path("TopicName").asText()).isEqualTo("place-notify-dev-alarms");
        String keyId = topic.path("KmsMasterKeyId").path("Fn::GetAtt").get(0).asText();
        JsonNode key = DEV.json().get("Resources").get(keyId).get("Properties");
        assertThat(key.path("EnableKeyRotation").asBoolean()).isTrue();
        assertThat(key.path("KeyPolicy").toString()).contains("cloudwatch.amazonaws.com");

        JsonNode policy = DEV.resources("AWS::SNS::TopicPolicy").values().iterator().next();
        boolean denyPlain = false;
        boolean allowAlarms = false;
        for (JsonNode st : policy.path("Properties").path("PolicyDocument").path("Statement")) {
            denyPlain |= st.path("Effect").asText().equals("Deny")
                    && st.path("Condition").path("Bool").path("aws:SecureTransport").asText().equals("false");
            allowAlarms |= st.path("Effect").asText().equals("Allow")
                    && st.path("Principal").path("Service").asText().equals("cloudwatch.amazonaws.com")
                    && st.path("Condition").has("ArnLike");
        }
        assertThat(denyPlain).isTrue();
        assertThat(allowAlarms).isTrue();
    }

    @Test
    void dashboardShowsTheAgreedMetrics() {
        Map<String, JsonNode> dashboards = DEV.resources("AWS::CloudWatch::Dashboard");
        assertThat(dashboards).hasSize(1);
        JsonNode d = dashboards.values().iterator().next().get("Properties");
        assertThat(d.path("DashboardName").asText()).isEqualTo("PlaceNotify-dev");
        String body = d.path("DashboardBody").toString();
        assertThat(body).contains("Invocations", "Duration", "Errors", "Throttles",
                "ApproximateNumberOfMessagesVisible", "ApproximateAgeOfOldestMessage",
                "SmsSent", "kind", "SmsFailed", "SmsUnknown", "SensFailures", "RunSummaryPosted",
                "place-notify-dev-sender");
    }

    // ---------------------------------------------------------------- outputs and naming

    @Test
    void outputsTheOperatorCliReads() {
        Set<String> keys = new TreeSet<>();
        DEV.json().get("Outputs").fieldNames().forEachRemaining(keys::add);
        assertThat(keys).contains("FetchQueueUrl", "FetchDlqUrl", "SnapshotQueueUrl", "SnapshotDlqUrl",
                "SmsQueueUrl", "SmsDlqUrl", "ResultQueueUrl", "ResultDlqUrl", "BookingsTableName",
                "IdempotencyTableName", "RunsTableName", "SessionsTableName", "DashboardUrl", "AlarmTopicArn");
        JsonNode outputs = DEV.json().get("Outputs");
        assertThat(outputs.path("SmsDlqUrl").path("Value").path("Ref").asText()).isEqualTo(DEV.id(ST.dlq(Topology.SMS)));
        assertThat(outputs.path("RunsTableName").path("Value").path("Ref").asText())
                .isEqualTo(DEV.id(ST.table(Topology.RUNS)));
        assertThat(outputs.path("DashboardUrl").toString()).contains("#dashboards:name=");
    }

    @Test
    void stackNamesFollowTheStage() {
        assertThat(ST.getStackName()).isEqualTo("PlaceNotify-dev");
        assertThat(Stacks.prod().stack().getStackName()).isEqualTo("PlaceNotify-prod");
    }

    /** Two stages side by side in one account: no physical name may collide. */
    @Test
    void devAndProdShareNoPhysicalName() {
        Set<String> dev = physicalNames(DEV);
        Set<String> prod = physicalNames(Stacks.prod());
        assertThat(dev).hasSizeGreaterThan(30).allMatch(n -> n.contains("dev"));
        assertThat(prod).allMatch(n -> n.contains("prod"));
        Set<String> both = new HashSet<>(dev);
        both.retainAll(prod);
        assertThat(both).isEmpty();
    }

    private static Set<String> physicalNames(Stacks.Synthesized s) {
        Set<String> names = new HashSet<>();
        List<String> nameProps = List.of("QueueName", "TableName", "FunctionName", "LogGroupName", "Name",
                "TopicName", "AlarmName", "DashboardName");
        s.json().get("Resources").forEach(r -> {
            String type = r.path("Type").asText();
            if (type.equals("AWS::Lambda::Alias") || type.equals("AWS::Lambda::EventSourceMapping")
                    || type.equals("AWS::Lambda::Version") || type.equals("AWS::Lambda::EventInvokeConfig")) {
                return; // alias "live" is per function; the others name their function, not themselves
            }
            if (type.equals("AWS::AppConfig::ConfigurationProfile")) {
                return; // "stores"/"rules" are unique within their application, which is named per stage
            }
            for (String p : nameProps) {
                JsonNode v = r.path("Properties").path(p);
                if (v.isTextual()) {
                    names.add(v.asText());
                }
            }
        });
        return names;
    }
}
