package dev.placenotify.infra;

import dev.placenotify.model.QueueSpec;
import dev.placenotify.model.TableSpec;
import dev.placenotify.model.Topology;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.DockerImageFunction;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.scheduler.Schedule;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

/**
 * The whole pipeline of one environment (dev or prod), composed of its constructs (infra-cdk/README.md, "Construct
 * map"): the queues with their DLQs and the tables, both from {@link Topology}; the secrets, created empty; one
 * {@link StageFunction} per {@link JavaFunction} (the fetcher's schedule and SQS entries, planner, sender, notifier
 * and its sweep, the delivery check and the daily delivery digest), each on the alias {@code live} of its published
 * SnapStart version, with what each may do; the session-renewal function (a container image with headless Chrome);
 * the three schedules; the alarms and their topic; live configuration (AppConfig); the dashboard; the outputs the
 * operator CLI reads.
 *
 * <p>Why the constructs build their resources in this stack's scope instead of being nodes of the tree themselves: a
 * construct's id becomes part of the logical id of everything under it, and CloudFormation replaces a resource whose
 * logical id changes. For a table or queue that loses its data; a function, log group, alarm, schedule or secret
 * with a fixed physical name fails the deploy; a Lambda version whose code did not change fails to publish. So the
 * tree stays as deployed and every logical id with it (LogicalIdsTest holds the lists); the classes are the units
 * the code is read and changed in.
 */
public final class PlaceNotifyStack extends Stack {
    /** The fetcher's schedule entry only fans out one message per store: seconds, not minutes. */
    public static final Duration SCHEDULE_FUNCTION_TIMEOUT = Duration.seconds(30);
    public static final Duration SWEEP_FUNCTION_TIMEOUT = Duration.seconds(60);
    public static final int RENEWAL_MEMORY_MB = SessionRenewalFunction.MEMORY_MB;

    private final EnvironmentConfig config;
    private final PipelineQueues queues;
    private final PipelineTables tables;
    private final PipelineSecrets secrets;
    private final Map<JavaFunction, StageFunction> functions = new EnumMap<>(JavaFunction.class);
    private final SessionRenewalFunction renewal;
    private final PipelineSchedules schedules;
    private final PipelineAlarms alarms;
    private final LiveConfiguration liveConfiguration;

    public PlaceNotifyStack(Construct scope, String id, StackProps props, EnvironmentConfig config, LambdaArtifacts artifacts) {
        super(scope, id, props);
        this.config = config;
        queues = new PipelineQueues(this, config);
        tables = new PipelineTables(this, config);
        secrets = new PipelineSecrets(this, config);
        StageEnvironments env = new StageEnvironments(config, queues, tables, secrets);

        // Both fetcher entries share one environment (and one service name); so do notifier and sweep.
        // The schedules invoke their entries asynchronously: one retry, never once the next tick is near; the sweep
        // does not retry at all, the next one is 5 minutes away.
        function(artifacts, new StageFunction.Props(JavaFunction.SCHEDULE, config.fetcherMemoryMb(), SCHEDULE_FUNCTION_TIMEOUT,
                env.fetcher(), 1, Duration.minutes(10)));
        function(artifacts, consumerProps(JavaFunction.FETCH, Topology.FETCH, config.fetcherMemoryMb(), env.fetcher()));
        function(artifacts, consumerProps(JavaFunction.PLANNER, Topology.SNAPSHOT, config.plannerMemoryMb(), env.planner()));
        function(artifacts, consumerProps(JavaFunction.SENDER, Topology.SMS, config.senderMemoryMb(), env.sender()));
        function(artifacts, consumerProps(JavaFunction.NOTIFIER, Topology.RESULT, config.notifierMemoryMb(), env.notifier()));
        function(artifacts, new StageFunction.Props(JavaFunction.SWEEP, config.notifierMemoryMb(), SWEEP_FUNCTION_TIMEOUT,
                env.notifier(), 0, null));
        // Delivery results (docs/sender.md, "Delivery results"). The digest is claimed before it is posted: a retry
        // would find the claim and post nothing, so it is not retried.
        function(artifacts, consumerProps(JavaFunction.DELIVERY_CHECK, Topology.DELIVERY, config.senderMemoryMb(),
                env.deliveryCheck()));
        function(artifacts, new StageFunction.Props(JavaFunction.DELIVERY_DIGEST, config.notifierMemoryMb(),
                SWEEP_FUNCTION_TIMEOUT, env.deliveryDigest(), 0, null));
        functions.get(JavaFunction.FETCH).consume(Topology.FETCH, queues.queue(Topology.FETCH));
        functions.get(JavaFunction.PLANNER).consume(Topology.SNAPSHOT, queues.queue(Topology.SNAPSHOT));
        functions.get(JavaFunction.SENDER).consume(Topology.SMS, queues.queue(Topology.SMS));
        functions.get(JavaFunction.NOTIFIER).consume(Topology.RESULT, queues.queue(Topology.RESULT));
        functions.get(JavaFunction.DELIVERY_CHECK).consume(Topology.DELIVERY, queues.queue(Topology.DELIVERY));
        renewal = new SessionRenewalFunction(this, config, artifacts, Topology.RENEWAL,
                queues.queue(Topology.RENEWAL), env.sessionRenewal());
        grantPermissions();

        schedules = new PipelineSchedules(this, config, functions.get(JavaFunction.SCHEDULE).alias(),
                functions.get(JavaFunction.SWEEP).alias(), functions.get(JavaFunction.DELIVERY_DIGEST).alias());
        alarms = new PipelineAlarms(this, config, queues, functionsByRole(), renewal.function());
        // AppConfig deployments are watched by the planner's errors and, where it exists, the missing run summary.
        List<Alarm> monitors = new ArrayList<>();
        alarms.find(JavaFunction.PLANNER.id() + "Errors").ifPresent(monitors::add);
        alarms.find("NoRunSummary").ifPresent(monitors::add);
        StageFunction planner = functions.get(JavaFunction.PLANNER);
        liveConfiguration = new LiveConfiguration(this, config, planner.function(), planner.role(),
                planner.logGroup(), monitors, new SnsAction(alarms.topic()));
        // The fetcher (which stores, their settings) and the notifier (branch names) read the stores profile live too.
        for (JavaFunction fn : List.of(JavaFunction.SCHEDULE, JavaFunction.FETCH, JavaFunction.NOTIFIER, JavaFunction.SWEEP)) {
            liveConfiguration.readStores(this, fn.id(), function(fn), role(fn), config.name());
        }
        PipelineDashboard dashboard = new PipelineDashboard(this, config, queues, functionsByRole(),
                renewal.function());
        createOutputs(dashboard);
        NagFindings.suppress(this);
    }

    private static StageFunction.Props consumerProps(JavaFunction fn, QueueSpec input, int memoryMb, Map<String, String> env) {
        return new StageFunction.Props(fn, memoryMb, Duration.seconds(input.consumerTimeoutSeconds()), env, null, null);
    }

    private void function(LambdaArtifacts artifacts, StageFunction.Props props) {
        functions.put(props.fn(), new StageFunction(this, config, artifacts, props));
    }

    /** What each function may do besides consuming its queue (its event source grants that) and writing its logs. */
    private void grantPermissions() {
        functions.get(JavaFunction.SCHEDULE).sendsTo(queues.queue(Topology.FETCH), queues.queue(Topology.RESULT));
        functions.get(JavaFunction.FETCH).readsAndWrites(tables.table(Topology.SESSIONS))
                .sendsTo(queues.queue(Topology.SNAPSHOT), queues.queue(Topology.RESULT), queues.dlq(Topology.FETCH),
                        queues.queue(Topology.RENEWAL));

        // The only reader of the login secret; the fetcher never sees the credentials.
        Role renewalRole = renewal.role();
        tables.table(Topology.SESSIONS).grantReadWriteData(renewalRole);
        secrets.naverLogin().grantRead(renewalRole);
        queues.queue(Topology.RESULT).grantSendMessages(renewalRole);
        queues.dlq(Topology.RENEWAL).grantSendMessages(renewalRole);

        functions.get(JavaFunction.PLANNER).readsAndWrites(tables.table(Topology.BOOKINGS))
                .sendsTo(queues.queue(Topology.SMS), queues.queue(Topology.RESULT), queues.dlq(Topology.SNAPSHOT));
        // A job waiting for another goes back on its own queue as a delayed copy (docs/sender.md, ordering); each
        // text's first delivery check goes on the delivery queue.
        functions.get(JavaFunction.SENDER).readsAndWrites(tables.table(Topology.IDEMPOTENCY))
                .sendsTo(queues.queue(Topology.RESULT), queues.queue(Topology.SMS), queues.dlq(Topology.SMS),
                        queues.queue(Topology.DELIVERY))
                .reads(secrets.sens());
        // The next look is a delayed copy on its own queue. No grant on the SMS queue: a check can never send.
        functions.get(JavaFunction.DELIVERY_CHECK).readsAndWrites(tables.table(Topology.IDEMPOTENCY))
                .sendsTo(queues.queue(Topology.RESULT), queues.queue(Topology.DELIVERY), queues.dlq(Topology.DELIVERY))
                .reads(secrets.sens());
        functions.get(JavaFunction.DELIVERY_DIGEST).readsAndWrites(tables.table(Topology.RUNS))
                .reads(secrets.telegram(), secrets.slack());
        for (JavaFunction fn : List.of(JavaFunction.NOTIFIER, JavaFunction.SWEEP)) {
            StageFunction f = functions.get(fn).readsAndWrites(tables.table(Topology.RUNS))
                    .reads(secrets.telegram(), secrets.slack());
            queues.allDlqs().forEach(f::readsAttributesOf);
        }
        functions.get(JavaFunction.NOTIFIER).sendsTo(queues.dlq(Topology.RESULT));
    }

    private void createOutputs(PipelineDashboard dashboard) {
        for (QueueSpec spec : Topology.QUEUES) {
            String id = ConstructIds.pascal(spec.logicalName());
            CfnOutput.Builder.create(this, id + "QueueUrl").value(queue(spec).getQueueUrl())
                    .description(spec.queueName(config.name())).build();
            CfnOutput.Builder.create(this, id + "DlqUrl").value(dlq(spec).getQueueUrl())
                    .description(spec.dlqName(config.name())).build();
        }
        for (TableSpec spec : Topology.TABLES) {
            CfnOutput.Builder.create(this, ConstructIds.pascal(spec.logicalName()) + "TableName")
                    .value(table(spec).getTableName()).build();
        }
        CfnOutput.Builder.create(this, "SensSecretArn").value(secrets.sens().getSecretArn()).build();
        CfnOutput.Builder.create(this, "TelegramSecretArn").value(secrets.telegram().getSecretArn()).build();
        CfnOutput.Builder.create(this, "SlackSecretArn").value(secrets.slack().getSecretArn()).build();
        CfnOutput.Builder.create(this, "NaverLoginSecretArn").value(secrets.naverLogin().getSecretArn()).build();
        CfnOutput.Builder.create(this, "SessionRenewalFunctionName").value(renewal.function().getFunctionName()).build();
        CfnOutput.Builder.create(this, "DashboardUrl")
                .value("https://" + Aws.REGION + ".console.aws.amazon.com/cloudwatch/home?region=" + Aws.REGION
                        + "#dashboards:name=" + dashboard.name())
                .build();
        CfnOutput.Builder.create(this, "AlarmTopicArn").value(alarms.topic().getTopicArn()).build();
        CfnOutput.Builder.create(this, "TickScheduleName").value(schedules.tick().getScheduleName()).build();
    }

    // ---------------------------------------------------------------- accessors (tests, nag)

    private Map<JavaFunction, Function> functionsByRole() {
        Map<JavaFunction, Function> byRole = new EnumMap<>(JavaFunction.class);
        functions.forEach((fn, f) -> byRole.put(fn, f.function()));
        return byRole;
    }

    public EnvironmentConfig config() {
        return config;
    }

    public String serviceName(Topology.Stage module) {
        return CustomMetrics.serviceName(config, module);
    }

    public String functionName(JavaFunction fn) {
        return config.resourceName(fn.suffix());
    }

    public Queue queue(QueueSpec spec) {
        return queues.queue(spec);
    }

    public Queue dlq(QueueSpec spec) {
        return queues.dlq(spec);
    }

    public Table table(TableSpec spec) {
        return tables.table(spec);
    }

    public Function function(JavaFunction fn) {
        return functions.get(fn).function();
    }

    public Alias alias(JavaFunction fn) {
        return functions.get(fn).alias();
    }

    public Role role(JavaFunction fn) {
        return functions.get(fn).role();
    }

    public DockerImageFunction renewalFunction() {
        return renewal.function();
    }

    public Role renewalRole() {
        return renewal.role();
    }

    public List<Alarm> alarms() {
        return alarms.alarms();
    }

    public Secret sensSecret() {
        return secrets.sens();
    }

    public Secret telegramSecret() {
        return secrets.telegram();
    }

    public Secret slackSecret() {
        return secrets.slack();
    }

    public Secret naverLoginSecret() {
        return secrets.naverLogin();
    }

    LiveConfiguration liveConfiguration() {
        return liveConfiguration;
    }

    public Topic alarmTopic() {
        return alarms.topic();
    }

    public Schedule tickSchedule() {
        return schedules.tick();
    }

    public Schedule sweepSchedule() {
        return schedules.sweep();
    }

    public Schedule digestSchedule() {
        return schedules.digest();
    }
}
