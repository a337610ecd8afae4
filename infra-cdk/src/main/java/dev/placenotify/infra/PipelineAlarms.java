package dev.placenotify.infra;

import dev.placenotify.model.QueueSpec;
import dev.placenotify.model.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.Stack;

/**
 * The alarms and the SNS topic they notify (alarm and OK): per queue, a DLQ holding anything and a message older
 * than {@link EnvironmentConfig#queueAgeAlarm()}; per function, errors and throttles; an SMS whose outcome is unknown;
 * and, where {@link EnvironmentConfig#runSummaryAlarm()}, no run summary posted in an hour. The topic is encrypted with a
 * rotated customer managed key (CloudWatch cannot publish to a topic under aws/sns) and open to this environment's
 * alarms only.
 */
final class PipelineAlarms {
    private final Stack scope;
    private final EnvironmentConfig config;
    private final Topic topic;
    private final List<Alarm> alarms = new ArrayList<>();

    PipelineAlarms(Stack scope, EnvironmentConfig config, PipelineQueues queues, Map<JavaFunction, ? extends IFunction> functions,
                   IFunction renewal) {
        this.scope = scope;
        this.config = config;
        topic = createTopic();
        for (QueueSpec spec : Topology.QUEUES) {
            String name = ConstructIds.pascal(spec.logicalName());
            alarm(name + "DlqNotEmpty", "dlq-" + spec.logicalName(),
                    queues.dlq(spec).metricApproximateNumberOfMessagesVisible(period(Duration.minutes(5), "Maximum")),
                    1, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, TreatMissingData.NOT_BREACHING,
                    "Messages in " + spec.dlqName(config.name()) + ": inspect them, then redrive with the operator CLI");
            alarm(name + "OldestMessage", "age-" + spec.logicalName(),
                    queues.queue(spec).metricApproximateAgeOfOldestMessage(period(Duration.minutes(5), "Maximum")),
                    config.queueAgeAlarm().toSeconds(), ComparisonOperator.GREATER_THAN_THRESHOLD,
                    TreatMissingData.NOT_BREACHING,
                    "Oldest message in " + spec.queueName(config.name()) + " is older than "
                            + config.queueAgeAlarm().toSeconds() + " s: its consumer is behind or stopped");
        }
        functions.forEach((fn, f) -> errorsAndThrottles(fn.id(), fn.suffix(), f, ""));
        errorsAndThrottles("SessionRenewal", SessionRenewalFunction.SUFFIX, renewal, " (a browser that cannot start?)");
        alarm("SmsUnknownOutcome", "sms-unknown",
                CustomMetrics.of(config, "SmsUnknown", Topology.Stage.SENDER, Duration.minutes(5)),
                1, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, TreatMissingData.NOT_BREACHING,
                "SENS answered neither success nor failure for an SMS: check before any resend");
        if (config.runSummaryAlarm()) {
            alarm("NoRunSummary", "no-run-summary",
                    CustomMetrics.of(config, "RunSummaryPosted", Topology.Stage.NOTIFIER, Duration.hours(1)),
                    1, ComparisonOperator.LESS_THAN_THRESHOLD, TreatMissingData.BREACHING,
                    "No successful run summary posted in the last hour: the pipeline is not completing runs");
        }
    }

    void errorsAndThrottles(String id, String suffix, IFunction f, String errorHint) {
        String name = config.resourceName(suffix);
        alarm(id + "Errors", "errors-" + suffix, f.metricErrors(period(Duration.minutes(5), "Sum")),
                1, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, TreatMissingData.NOT_BREACHING,
                name + " failed whole invocations" + errorHint);
        alarm(id + "Throttles", "throttles-" + suffix, f.metricThrottles(period(Duration.minutes(5), "Sum")),
                1, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, TreatMissingData.NOT_BREACHING,
                name + " was throttled");
    }

    private Topic createTopic() {
        // Only this environment's alarms, from this account, may publish to the topic.
        Map<String, Object> fromOurAlarms = new TreeMap<>();
        fromOurAlarms.put("StringEquals", Map.of("aws:SourceAccount", Aws.ACCOUNT_ID));
        fromOurAlarms.put("ArnLike", Map.of("aws:SourceArn", "arn:" + Aws.PARTITION + ":cloudwatch:" + Aws.REGION
                + ":" + Aws.ACCOUNT_ID + ":alarm:" + config.resourceName("*")));
        Key key = Key.Builder.create(scope, "AlarmTopicKey")
                .description("place-notify " + config.name() + " alarm topic encryption")
                .enableKeyRotation(true)
                .removalPolicy(config.statefulRemovalPolicy())
                .build();
        key.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("CloudWatchAlarmsUseKey")
                .principals(List.of(new ServicePrincipal("cloudwatch.amazonaws.com")))
                .actions(List.of("kms:Decrypt", "kms:GenerateDataKey*"))
                // In a key policy "*" means this key. No source conditions here: the AWS guide for
                // encrypted alarm topics grants the service principal without them.
                .resources(List.of("*"))
                .build());
        Topic t = Topic.Builder.create(scope, "AlarmTopic")
                .topicName(config.resourceName("alarms"))
                .displayName("place-notify " + config.name() + " alarms")
                .masterKey(key)
                .enforceSsl(true)
                .build();
        // The topic policy above replaces SNS's default one, so CloudWatch needs an explicit allow.
        t.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("CloudWatchAlarmsPublish")
                .principals(List.of(new ServicePrincipal("cloudwatch.amazonaws.com")))
                .actions(List.of("sns:Publish"))
                .resources(List.of(t.getTopicArn()))
                .conditions(fromOurAlarms)
                .build());
        return t;
    }

    private static MetricOptions period(Duration period, String statistic) {
        return MetricOptions.builder().period(period).statistic(statistic).build();
    }

    private void alarm(String id, String nameSuffix, IMetric metric, Number threshold, ComparisonOperator op,
                       TreatMissingData missing, String description) {
        Alarm alarm = Alarm.Builder.create(scope, id + "Alarm")
                .alarmName(config.resourceName(nameSuffix))
                .alarmDescription(description)
                .metric(metric)
                .threshold(threshold)
                .comparisonOperator(op)
                .evaluationPeriods(1)
                .treatMissingData(missing)
                .build();
        SnsAction action = new SnsAction(topic);
        alarm.addAlarmAction(action);
        alarm.addOkAction(action);
        alarms.add(alarm);
    }

    Topic topic() {
        return topic;
    }

    List<Alarm> alarms() {
        return List.copyOf(alarms);
    }

    /** The alarm an AppConfig deployment is watched by, when this environment has it. */
    Optional<Alarm> find(String id) {
        return scope.getNode().tryFindChild(id + "Alarm") instanceof Alarm a ? Optional.of(a) : Optional.empty();
    }
}
