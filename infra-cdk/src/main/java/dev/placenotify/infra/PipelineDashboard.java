package dev.placenotify.infra;

import dev.placenotify.model.QueueSpec;
import dev.placenotify.model.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TextWidget;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.Stack;

/**
 * The environment's CloudWatch dashboard: invocations, p99 duration, errors and throttles per function; queue and
 * DLQ depths and the age of the oldest message per queue; SMS sent per rule kind, failed and unknown SMS, SENS
 * failures; run summaries posted.
 */
final class PipelineDashboard {
    private static final Duration PERIOD = Duration.minutes(5);

    private final Dashboard dashboard;

    PipelineDashboard(Stack scope, EnvironmentConfig config, PipelineQueues queues,
                      Map<JavaFunction, ? extends IFunction> functions, IFunction renewal) {
        List<IMetric> invocations = new ArrayList<>();
        List<IMetric> durations = new ArrayList<>();
        List<IMetric> errors = new ArrayList<>();
        List<IMetric> throttles = new ArrayList<>();
        functions.forEach((fn, f) -> functionLines(fn.suffix(), f, invocations, durations, errors, throttles));
        functionLines(SessionRenewalFunction.SUFFIX, renewal, invocations, durations, errors, throttles);
        List<IMetric> depths = new ArrayList<>();
        List<IMetric> dlqDepths = new ArrayList<>();
        List<IMetric> ages = new ArrayList<>();
        for (QueueSpec spec : Topology.QUEUES) {
            depths.add(queues.queue(spec).metricApproximateNumberOfMessagesVisible(label(spec.logicalName(), "Maximum")));
            dlqDepths.add(queues.dlq(spec).metricApproximateNumberOfMessagesVisible(
                    label(spec.logicalName() + " dlq", "Maximum")));
            ages.add(queues.queue(spec).metricApproximateAgeOfOldestMessage(label(spec.logicalName(), "Maximum")));
        }
        String ns = CustomMetrics.NAMESPACE;
        String service = CustomMetrics.SERVICE_DIMENSION;
        // SmsSent carries a second dimension, kind: one line per kind, whatever kinds exist.
        IMetric sentPerKind = MathExpression.Builder.create()
                .expression("SEARCH('{" + ns + ",kind," + service + "} MetricName=\"SmsSent\" "
                        + service + "=\"" + CustomMetrics.serviceName(config, Topology.Stage.SENDER) + "\"', 'Sum', 300)")
                .usingMetrics(Map.of())
                .label("")
                .period(PERIOD)
                .build();
        List<IMetric> smsOutcomes = List.of(
                sender(config, "SmsFailed").with(label("failed", "Sum")),
                sender(config, "SmsUnknown").with(label("unknown", "Sum")),
                sender(config, "SensFailures").with(label("SENS failures", "Sum")));

        dashboard = Dashboard.Builder.create(scope, "Dashboard").dashboardName("PlaceNotify-" + config.name()).build();
        dashboard.addWidgets(TextWidget.Builder.create()
                .markdown("# place-notify " + config.name() + "\nTick every 20 min (Asia/Seoul). Alarms go to "
                        + config.resourceName("alarms") + ".")
                .width(24).height(2).build());
        dashboard.addWidgets(graph("Invocations", invocations), graph("Duration p99 (ms)", durations),
                graph("Errors", errors), graph("Throttles", throttles));
        dashboard.addWidgets(graph("Queue depth (visible)", depths), graph("DLQ depth", dlqDepths),
                graph("Age of oldest message (s)", ages));
        dashboard.addWidgets(graph("SMS sent per kind", List.of(sentPerKind)),
                graph("SMS failed / unknown, SENS failures", smsOutcomes),
                graph("Run summaries posted", List.of(CustomMetrics.of(config, "RunSummaryPosted",
                        Topology.Stage.NOTIFIER, Duration.hours(1)))));
    }

    private static void functionLines(String name, IFunction f, List<IMetric> invocations, List<IMetric> durations,
                                      List<IMetric> errors, List<IMetric> throttles) {
        invocations.add(f.metricInvocations(label(name, "Sum")));
        durations.add(f.metricDuration(label(name + " p99", "p99")));
        errors.add(f.metricErrors(label(name, "Sum")));
        throttles.add(f.metricThrottles(label(name, "Sum")));
    }

    private static Metric sender(EnvironmentConfig config, String metric) {
        return CustomMetrics.of(config, metric, Topology.Stage.SENDER, PERIOD);
    }

    private static MetricOptions label(String label, String statistic) {
        return MetricOptions.builder().label(label).period(PERIOD).statistic(statistic).build();
    }

    private static IWidget graph(String title, List<IMetric> left) {
        return GraphWidget.Builder.create().title(title).left(left).width(left.size() > 4 ? 6 : 8).height(6).build();
    }

    String name() {
        return dashboard.getDashboardName();
    }
}
