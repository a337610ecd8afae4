package dev.placenotify.infra;

import dev.placenotify.shell.QueueSpec;
import dev.placenotify.shell.TableSpec;
import dev.placenotify.shell.Topology;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.TimeZone;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TextWidget;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.DockerImageFunction;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.scheduler.ContextAttribute;
import software.amazon.awscdk.services.scheduler.CronOptionsWithTimezone;
import software.amazon.awscdk.services.scheduler.Schedule;
import software.amazon.awscdk.services.scheduler.ScheduleExpression;
import software.amazon.awscdk.services.scheduler.ScheduleTargetInput;
import software.amazon.awscdk.services.scheduler.targets.LambdaInvoke;
import software.amazon.awscdk.services.secretsmanager.CfnSecret;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * The whole pipeline of one stage (dev or prod): five queues with their DLQs and four tables, all
 * built from {@link Topology}; six functions (fetcher's schedule and SQS entries, planner, sender,
 * notifier and its sweep) on published SnapStart versions behind the alias {@code live}; the
 * session-renewal function, a container image with headless Chrome on the renewal queue; the two
 * schedules; secrets created empty; alarms to an SNS topic; a dashboard; the outputs the operator
 * CLI reads.
 */
public final class PlaceNotifyStack extends Stack {
    public static final String ALIAS_NAME = "live";
    public static final String METRICS_NAMESPACE = "PlaceNotify";
    /**
     * Dimension every custom metric carries, valued with the function's POWERTOOLS_SERVICE_NAME.
     * Agreed contract with the stage modules; note that Powertools for Java v2's own default
     * dimension is spelled "Service", so the functions must emit exactly this spelling.
     */
    public static final String SERVICE_DIMENSION = "service";
    public static final String JAVA_TOOL_OPTIONS = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1";
    public static final String HANDLER_METHOD = "handleRequest";
    public static final int HORIZON_DAYS = 14;
    public static final int STATE_TTL_DAYS = 30;
    public static final int RUN_DEADLINE_SECONDS = 600;
    /** The fetcher's schedule entry only fans out one message per store: seconds, not minutes. */
    public static final Duration SCHEDULE_FUNCTION_TIMEOUT = Duration.seconds(30);
    public static final Duration SWEEP_FUNCTION_TIMEOUT = Duration.seconds(60);
    /** Every 20 minutes on the minute, in Korean time: :00, :20, :40 — so 20:00 KST is a tick. */
    public static final String TICK_MINUTES = "0/20";
    public static final String SWEEP_MINUTES = "0/5";
    /** Name suffix and service name of the session-renewal function. */
    public static final String RENEWAL_SUFFIX = "session-renewal";
    /**
     * Chrome's processes and the JVM together: a login measured locally peaked at about 500 MB RSS for the whole
     * process tree (docs/fetcher.md, "Measured"); 2048 MB leaves room for Naver's heavier real pages and, in
     * Lambda, buys about 1.2 vCPU, which is what makes Chrome's start quick.
     */
    public static final int RENEWAL_MEMORY_MB = 2048;
    /** Lambda has no /dev/shm worth the name and no zygote-friendly sandbox: Chrome runs as one process. */
    public static final String RENEWAL_CHROMIUM_ARGS = "--single-process --no-zygote";

    /** The functions, by role. */
    public enum Fn {
        SCHEDULE("schedule", Topology.Stage.FETCHER, "dev.placenotify.fetcher.ScheduleHandler"),
        FETCH("fetch", Topology.Stage.FETCHER, "dev.placenotify.fetcher.FetchHandler"),
        PLANNER("planner", Topology.Stage.PLANNER, "dev.placenotify.planner.PlannerHandler"),
        SENDER("sender", Topology.Stage.SENDER, "dev.placenotify.sender.SenderHandler"),
        NOTIFIER("notifier", Topology.Stage.NOTIFIER, "dev.placenotify.notifier.NotifierHandler"),
        SWEEP("sweep", Topology.Stage.NOTIFIER, "dev.placenotify.notifier.SweepHandler");

        private final String suffix;
        private final Topology.Stage module;
        private final String handlerClass;

        Fn(String suffix, Topology.Stage module, String handlerClass) {
            this.suffix = suffix;
            this.module = module;
            this.handlerClass = handlerClass;
        }

        public String suffix() {
            return suffix;
        }

        /** The Maven module (and so the jar) the function's code comes from. */
        public Topology.Stage module() {
            return module;
        }

        public String handler() {
            return handlerClass + "::" + HANDLER_METHOD;
        }

        String id() {
            return pascal(suffix);
        }
    }

    private final StageConfig config;
    private final Map<QueueSpec, Queue> queues = new LinkedHashMap<>();
    private final Map<QueueSpec, Queue> dlqs = new LinkedHashMap<>();
    private final Map<TableSpec, Table> tables = new LinkedHashMap<>();
    private final Map<Fn, Function> functions = new EnumMap<>(Fn.class);
    private final Map<Fn, Alias> aliases = new EnumMap<>(Fn.class);
    private final Map<Fn, Role> roles = new EnumMap<>(Fn.class);
    private DockerImageFunction renewalFunction;
    private Role renewalRole;
    private final List<Alarm> alarms = new ArrayList<>();
    private final Secret sensSecret;
    private final Secret telegramSecret;
    private final Secret slackSecret;
    private final Secret naverLoginSecret;
    private final Topic alarmTopic;
    private final Dashboard dashboard;
    private final Schedule tickSchedule;
    private final Schedule sweepSchedule;
    private final LiveConfiguration liveConfiguration;

    public PlaceNotifyStack(Construct scope, String id, StackProps props, StageConfig config, LambdaArtifacts artifacts) {
        super(scope, id, props);
        this.config = config;

        for (QueueSpec spec : Topology.QUEUES) {
            createQueue(spec);
        }
        for (TableSpec spec : Topology.TABLES) {
            createTable(spec);
        }

        sensSecret = emptySecret("SensSecret", "sens",
                "Naver Cloud SENS credentials, JSON {\"accessKey\",\"secretKey\",\"serviceId\"}");
        telegramSecret = emptySecret("TelegramSecret", "telegram", "Telegram bot, JSON {\"botToken\",\"chatId\"}");
        slackSecret = emptySecret("SlackSecret", "slack", "Slack incoming webhook, JSON {\"webhookUrl\"}");
        naverLoginSecret = emptySecret("NaverLoginSecret", "naver-login",
                "Naver partner login the session-renewal function logs in with, JSON {\"username\",\"password\"}");

        createFunctions(artifacts);
        grantPermissions();
        tickSchedule = createTickSchedule();
        sweepSchedule = createSweepSchedule();

        alarmTopic = createAlarmTopic();
        createAlarms();
        liveConfiguration = createLiveConfiguration();
        dashboard = createDashboard();
        createOutputs();
        NagFindings.suppress(this);
    }

    // ---------------------------------------------------------------- queues and tables

    private void createQueue(QueueSpec spec) {
        String id = pascal(spec.logicalName());
        Queue dlq = Queue.Builder.create(this, id + "Dlq")
                .queueName(spec.dlqName(config.name()))
                .retentionPeriod(Duration.days(QueueSpec.DLQ_RETENTION_DAYS))
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .build();
        Queue queue = Queue.Builder.create(this, id + "Queue")
                .queueName(spec.queueName(config.name()))
                .visibilityTimeout(Duration.seconds(spec.visibilityTimeoutSeconds()))
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .deadLetterQueue(DeadLetterQueue.builder().queue(dlq).maxReceiveCount(spec.maxReceives()).build())
                .build();
        queues.put(spec, queue);
        dlqs.put(spec, dlq);
    }

    private void createTable(TableSpec spec) {
        createTableOnly(spec);
        if (spec.indexes().isEmpty()) {
            return;
        }
        // Declared on the CloudFormation resource, not through Table.addGlobalSecondaryIndex: the L2 table would
        // then widen every grant on it to table/index/*, and no function queries these indexes (the operator does).
        List<Map<String, Object>> attributes = new ArrayList<>();
        List<Map<String, Object>> indexes = new ArrayList<>();
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        names.add(spec.partitionKey());
        if (spec.hasSortKey()) {
            names.add(spec.sortKey());
        }
        for (var index : spec.indexes()) {
            names.add(index.partitionKey());
            names.add(index.sortKey());
            indexes.add(Map.of("IndexName", index.name(),
                    "KeySchema", List.of(Map.of("AttributeName", index.partitionKey(), "KeyType", "HASH"),
                            Map.of("AttributeName", index.sortKey(), "KeyType", "RANGE")),
                    "Projection", Map.of("ProjectionType", "ALL")));
        }
        names.forEach(n -> attributes.add(Map.of("AttributeName", n, "AttributeType", "S")));
        var cfn = (software.amazon.awscdk.services.dynamodb.CfnTable) tables.get(spec).getNode().getDefaultChild();
        cfn.addPropertyOverride("AttributeDefinitions", attributes);
        cfn.addPropertyOverride("GlobalSecondaryIndexes", indexes);
    }

    private void createTableOnly(TableSpec spec) {
        Table.Builder b = Table.Builder.create(this, pascal(spec.logicalName()) + "Table")
                .tableName(spec.tableName(config.name()))
                .partitionKey(Attribute.builder().name(spec.partitionKey()).type(AttributeType.STRING).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .timeToLiveAttribute(spec.ttlAttribute())
                .pointInTimeRecoverySpecification(
                        PointInTimeRecoverySpecification.builder().pointInTimeRecoveryEnabled(true).build())
                .deletionProtection(config.prod())
                .removalPolicy(config.statefulRemovalPolicy());
        if (spec.hasSortKey()) {
            b.sortKey(Attribute.builder().name(spec.sortKey()).type(AttributeType.STRING).build());
        }
        tables.put(spec, b.build());
    }

    /**
     * A secret with no value at all (no generated placeholder string): the functions fail loudly
     * until the operator puts the JSON value, and a redeploy never overwrites it.
     */
    private Secret emptySecret(String id, String suffix, String description) {
        Secret secret = Secret.Builder.create(this, id)
                .secretName("place-notify/" + config.name() + "/" + suffix)
                .description(description + "; value set by the operator (aws secretsmanager put-secret-value)")
                .removalPolicy(config.statefulRemovalPolicy())
                .build();
        ((CfnSecret) secret.getNode().getDefaultChild()).addPropertyDeletionOverride("GenerateSecretString");
        return secret;
    }

    // ---------------------------------------------------------------- functions

    private void createFunctions(LambdaArtifacts artifacts) {
        Map<String, String> fetcherEnv = new LinkedHashMap<>();
        fetcherEnv.put("FETCH_QUEUE_URL", queue(Topology.FETCH).getQueueUrl());
        fetcherEnv.put("FETCH_DLQ_URL", dlq(Topology.FETCH).getQueueUrl());
        fetcherEnv.put("SNAPSHOT_QUEUE_URL", queue(Topology.SNAPSHOT).getQueueUrl());
        fetcherEnv.put("RESULT_QUEUE_URL", queue(Topology.RESULT).getQueueUrl());
        fetcherEnv.put("SESSIONS_TABLE", table(Topology.SESSIONS).getTableName());
        fetcherEnv.put("RENEWAL_QUEUE_URL", queue(Topology.RENEWAL).getQueueUrl());
        fetcherEnv.put("FETCH_MAX_RECEIVES", Integer.toString(Topology.FETCH.maxReceives()));
        fetcherEnv.put("HORIZON_DAYS", Integer.toString(HORIZON_DAYS));

        Map<String, String> plannerEnv = new LinkedHashMap<>();
        plannerEnv.put("SNAPSHOT_DLQ_URL", dlq(Topology.SNAPSHOT).getQueueUrl());
        plannerEnv.put("SMS_QUEUE_URL", queue(Topology.SMS).getQueueUrl());
        plannerEnv.put("RESULT_QUEUE_URL", queue(Topology.RESULT).getQueueUrl());
        plannerEnv.put("BOOKINGS_TABLE", table(Topology.BOOKINGS).getTableName());
        plannerEnv.put("STATE_TTL_DAYS", Integer.toString(STATE_TTL_DAYS));

        Map<String, String> senderEnv = new LinkedHashMap<>();
        senderEnv.put("SMS_QUEUE_URL", queue(Topology.SMS).getQueueUrl());
        senderEnv.put("SMS_DLQ_URL", dlq(Topology.SMS).getQueueUrl());
        senderEnv.put("RESULT_QUEUE_URL", queue(Topology.RESULT).getQueueUrl());
        senderEnv.put("IDEMPOTENCY_TABLE", table(Topology.IDEMPOTENCY).getTableName());
        senderEnv.put("SENS_SECRET_ID", sensSecret.getSecretArn());
        senderEnv.put("DRY_RUN", Boolean.toString(config.dryRun()));
        senderEnv.put("SMS_MAX_RECEIVES", Integer.toString(Topology.SMS.maxReceives()));

        Map<String, String> notifierEnv = new LinkedHashMap<>();
        notifierEnv.put("RESULT_DLQ_URL", dlq(Topology.RESULT).getQueueUrl());
        notifierEnv.put("RUNS_TABLE", table(Topology.RUNS).getTableName());
        notifierEnv.put("TELEGRAM_SECRET_ID", telegramSecret.getSecretArn());
        notifierEnv.put("SLACK_SECRET_ID", slackSecret.getSecretArn());
        notifierEnv.put("RUN_DEADLINE_SECONDS", Integer.toString(RUN_DEADLINE_SECONDS));
        notifierEnv.put("FETCH_DLQ_URL", dlq(Topology.FETCH).getQueueUrl());
        notifierEnv.put("SNAPSHOT_DLQ_URL", dlq(Topology.SNAPSHOT).getQueueUrl());
        notifierEnv.put("SMS_DLQ_URL", dlq(Topology.SMS).getQueueUrl());

        // Both fetcher entries share one environment (and one service name); so do notifier and sweep.
        function(Fn.SCHEDULE, artifacts, config.fetcherMemoryMb(), SCHEDULE_FUNCTION_TIMEOUT, fetcherEnv);
        function(Fn.FETCH, artifacts, config.fetcherMemoryMb(),
                Duration.seconds(Topology.FETCH.consumerTimeoutSeconds()), fetcherEnv);
        function(Fn.PLANNER, artifacts, config.plannerMemoryMb(),
                Duration.seconds(Topology.SNAPSHOT.consumerTimeoutSeconds()), plannerEnv);
        function(Fn.SENDER, artifacts, config.senderMemoryMb(),
                Duration.seconds(Topology.SMS.consumerTimeoutSeconds()), senderEnv);
        function(Fn.NOTIFIER, artifacts, config.notifierMemoryMb(),
                Duration.seconds(Topology.RESULT.consumerTimeoutSeconds()), notifierEnv);
        function(Fn.SWEEP, artifacts, config.notifierMemoryMb(), SWEEP_FUNCTION_TIMEOUT, notifierEnv);

        consume(Fn.FETCH, Topology.FETCH);
        consume(Fn.PLANNER, Topology.SNAPSHOT);
        consume(Fn.SENDER, Topology.SMS);
        consume(Fn.NOTIFIER, Topology.RESULT);
        createRenewalFunction(artifacts);
    }

    /**
     * The session-renewal function: a container image (the Lambda Java 21 base image, a pinned Chrome and
     * chromedriver, the module's shaded jar), so Chrome fits (a zip function is capped at 250 MB). Built by
     * {@code cdk deploy} from session-renewal/Dockerfile; synth only stages the directory. x86_64, because Chrome
     * for Testing has no linux arm64 build. No SnapStart (not available for images), so no alias: the event
     * source invokes $LATEST.
     */
    private void createRenewalFunction(LambdaArtifacts artifacts) {
        String name = config.resourceName(RENEWAL_SUFFIX);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("STAGE_NAME", config.name());
        env.put("POWERTOOLS_SERVICE_NAME", name);
        env.put("POWERTOOLS_LOG_LEVEL", config.logLevel());
        env.put("JAVA_TOOL_OPTIONS", JAVA_TOOL_OPTIONS);
        env.put("RENEWAL_DLQ_URL", dlq(Topology.RENEWAL).getQueueUrl());
        env.put("RESULT_QUEUE_URL", queue(Topology.RESULT).getQueueUrl());
        env.put("SESSIONS_TABLE", table(Topology.SESSIONS).getTableName());
        env.put("NAVER_LOGIN_SECRET_ID", naverLoginSecret.getSecretArn());
        env.put("RENEWAL_MAX_RECEIVES", Integer.toString(Topology.RENEWAL.maxReceives()));
        env.put("CHROMIUM_EXTRA_ARGS", RENEWAL_CHROMIUM_ARGS);

        renewalRole = Role.Builder.create(this, "SessionRenewalRole")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("place-notify " + config.name() + " session-renewal function")
                .build();
        LogGroup logGroup = LogGroup.Builder.create(this, "SessionRenewalLogs")
                .logGroupName("/aws/lambda/" + name)
                .retention(config.logRetention())
                .removalPolicy(config.statefulRemovalPolicy())
                .build();
        logGroup.grantWrite(renewalRole);
        renewalFunction = DockerImageFunction.Builder.create(this, "SessionRenewalFunction")
                .functionName(name)
                .description("place-notify " + config.name() + ": Naver login in headless Chrome (renewal queue)")
                .code(artifacts.renewalImage())
                .architecture(Architecture.X86_64)
                .memorySize(RENEWAL_MEMORY_MB)
                .timeout(Duration.seconds(Topology.RENEWAL.consumerTimeoutSeconds()))
                .environment(env)
                .role(renewalRole)
                .logGroup(logGroup)
                .build();
        SqsEventSource.Builder source = SqsEventSource.Builder.create(queue(Topology.RENEWAL))
                .batchSize(Topology.RENEWAL.batchSize())
                .reportBatchItemFailures(true)
                .maxConcurrency(Topology.RENEWAL.maxConcurrency());
        renewalFunction.addEventSource(source.build());
    }

    /** The service name (metric dimension, log field) of a module's functions in this stage. */
    public String serviceName(Topology.Stage module) {
        return config.resourceName(module.lowerName());
    }

    public String functionName(Fn fn) {
        return config.resourceName(fn.suffix());
    }

    private void function(Fn fn, LambdaArtifacts artifacts, int memoryMb, Duration timeout, Map<String, String> stageEnv) {
        String name = functionName(fn);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("STAGE_NAME", config.name());
        env.put("POWERTOOLS_SERVICE_NAME", serviceName(fn.module()));
        env.put("POWERTOOLS_METRICS_NAMESPACE", METRICS_NAMESPACE);
        env.put("POWERTOOLS_LOG_LEVEL", config.logLevel());
        env.put("JAVA_TOOL_OPTIONS", JAVA_TOOL_OPTIONS);
        env.putAll(stageEnv);

        // Own role per function, no AWSLambdaBasicExecutionRole: logs go only to its own log group.
        Role role = Role.Builder.create(this, fn.id() + "Role")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("place-notify " + config.name() + " " + fn.suffix() + " function")
                .build();
        LogGroup logGroup = LogGroup.Builder.create(this, fn.id() + "Logs")
                .logGroupName("/aws/lambda/" + name)
                .retention(config.logRetention())
                .removalPolicy(config.statefulRemovalPolicy())
                .build();
        logGroup.grantWrite(role);

        Function f = Function.Builder.create(this, fn.id() + "Function")
                .functionName(name)
                .description("place-notify " + config.name() + ": " + fn.handler())
                .runtime(Runtime.JAVA_21)
                .architecture(Architecture.ARM_64)
                .code(artifacts.code(fn.module()))
                .handler(fn.handler())
                .memorySize(memoryMb)
                .timeout(timeout)
                .environment(env)
                .role(role)
                .logGroup(logGroup)
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                .build();

        Annotations.of(f).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                "published: every deploy publishes currentVersion and moves the alias live to it");

        Alias.Builder alias = Alias.Builder.create(this, fn.id() + "Live")
                .aliasName(ALIAS_NAME)
                .version(f.getCurrentVersion());
        if (fn == Fn.SCHEDULE) {
            // Invoked asynchronously by the scheduler: one retry, and never once the next tick is near.
            alias.retryAttempts(1).maxEventAge(Duration.minutes(10));
        } else if (fn == Fn.SWEEP) {
            alias.retryAttempts(0); // the next sweep is 5 minutes away
        }
        functions.put(fn, f);
        roles.put(fn, role);
        aliases.put(fn, alias.build());
    }

    private void consume(Fn fn, QueueSpec spec) {
        SqsEventSource.Builder source = SqsEventSource.Builder.create(queue(spec))
                .batchSize(spec.batchSize())
                .reportBatchItemFailures(true)
                .maxConcurrency(spec.maxConcurrency());
        if (spec.batchingWindowSeconds() > 0) {
            source.maxBatchingWindow(Duration.seconds(spec.batchingWindowSeconds()));
        }
        // On the alias, so every message is handled by the published SnapStart version.
        aliases.get(fn).addEventSource(source.build());
    }

    /** Grants only; the event sources above already grant consume (incl. ChangeMessageVisibility). */
    private void grantPermissions() {
        Role schedule = roles.get(Fn.SCHEDULE);
        queue(Topology.FETCH).grantSendMessages(schedule);
        queue(Topology.RESULT).grantSendMessages(schedule);

        Role fetch = roles.get(Fn.FETCH);
        table(Topology.SESSIONS).grantReadWriteData(fetch);
        queue(Topology.SNAPSHOT).grantSendMessages(fetch);
        queue(Topology.RESULT).grantSendMessages(fetch);
        dlq(Topology.FETCH).grantSendMessages(fetch);
        queue(Topology.RENEWAL).grantSendMessages(fetch);

        // The only reader of the login secret; the fetcher never sees the credentials.
        table(Topology.SESSIONS).grantReadWriteData(renewalRole);
        naverLoginSecret.grantRead(renewalRole);
        queue(Topology.RESULT).grantSendMessages(renewalRole);
        dlq(Topology.RENEWAL).grantSendMessages(renewalRole);

        Role planner = roles.get(Fn.PLANNER);
        table(Topology.BOOKINGS).grantReadWriteData(planner);
        queue(Topology.SMS).grantSendMessages(planner);
        queue(Topology.RESULT).grantSendMessages(planner);
        dlq(Topology.SNAPSHOT).grantSendMessages(planner);

        Role sender = roles.get(Fn.SENDER);
        table(Topology.IDEMPOTENCY).grantReadWriteData(sender);
        queue(Topology.RESULT).grantSendMessages(sender);
        // A job waiting for another goes back on its own queue as a delayed copy (docs/sender.md, ordering).
        queue(Topology.SMS).grantSendMessages(sender);
        dlq(Topology.SMS).grantSendMessages(sender);
        sensSecret.grantRead(sender);

        for (Fn fn : List.of(Fn.NOTIFIER, Fn.SWEEP)) {
            Role role = roles.get(fn);
            table(Topology.RUNS).grantReadWriteData(role);
            telegramSecret.grantRead(role);
            slackSecret.grantRead(role);
            for (Queue d : dlqs.values()) {
                d.grant(role, "sqs:GetQueueAttributes");
            }
        }
        dlq(Topology.RESULT).grantSendMessages(roles.get(Fn.NOTIFIER));
    }

    // ---------------------------------------------------------------- schedules

    private Schedule createTickSchedule() {
        return Schedule.Builder.create(this, "TickSchedule")
                .scheduleName(config.resourceName("tick"))
                .description("Pipeline tick every 20 minutes at :00/:20/:40 Asia/Seoul")
                .schedule(ScheduleExpression.cron(CronOptionsWithTimezone.builder()
                        .minute(TICK_MINUTES).hour("*").day("*").month("*").year("*")
                        .timeZone(TimeZone.ASIA_SEOUL).build()))
                .target(LambdaInvoke.Builder.create(aliases.get(Fn.SCHEDULE))
                        .input(ScheduleTargetInput.fromObject(scheduledEvent()))
                        .retryAttempts(2)
                        .maxEventAge(Duration.minutes(10))
                        .build())
                .enabled(config.scheduleEnabled())
                .build();
    }

    /**
     * The payload both schedules deliver: shaped like an EventBridge "Scheduled Event" so the
     * handlers read it as one. "time" is the scheduled (not the actual) time, so a late or retried
     * delivery keeps its tick.
     */
    private static Map<String, Object> scheduledEvent() {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "0");
        event.put("id", ContextAttribute.getExecutionId());
        event.put("detail-type", "Scheduled Event");
        event.put("source", "aws.scheduler");
        event.put("account", Aws.ACCOUNT_ID);
        event.put("time", ContextAttribute.getScheduledTime());
        event.put("region", Aws.REGION);
        event.put("resources", List.of(ContextAttribute.getScheduleArn()));
        event.put("detail", Map.of());
        return event;
    }

    private Schedule createSweepSchedule() {
        return Schedule.Builder.create(this, "SweepSchedule")
                .scheduleName(config.resourceName("sweep"))
                .description("Stale-run sweep every 5 minutes")
                .schedule(ScheduleExpression.cron(CronOptionsWithTimezone.builder()
                        .minute(SWEEP_MINUTES).hour("*").day("*").month("*").year("*")
                        .timeZone(TimeZone.ASIA_SEOUL).build()))
                .target(LambdaInvoke.Builder.create(aliases.get(Fn.SWEEP))
                        .input(ScheduleTargetInput.fromObject(scheduledEvent()))
                        .retryAttempts(0)
                        .maxEventAge(Duration.minutes(5))
                        .build())
                .enabled(config.scheduleEnabled())
                .build();
    }

    // ---------------------------------------------------------------- alarms and dashboard

    private Topic createAlarmTopic() {
        // Only this stage's alarms, from this account, may publish to the topic.
        Map<String, Object> fromOurAlarms = new TreeMap<>();
        fromOurAlarms.put("StringEquals", Map.of("aws:SourceAccount", Aws.ACCOUNT_ID));
        fromOurAlarms.put("ArnLike", Map.of("aws:SourceArn", "arn:" + Aws.PARTITION + ":cloudwatch:" + Aws.REGION
                + ":" + Aws.ACCOUNT_ID + ":alarm:" + config.resourceName("*")));
        // SSE with a customer managed key: CloudWatch cannot publish to a topic under aws/sns.
        Key key = Key.Builder.create(this, "AlarmTopicKey")
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
        Topic topic = Topic.Builder.create(this, "AlarmTopic")
                .topicName(config.resourceName("alarms"))
                .displayName("place-notify " + config.name() + " alarms")
                .masterKey(key)
                .enforceSsl(true)
                .build();
        // The topic policy above replaces SNS's default one, so CloudWatch needs an explicit allow.
        topic.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("CloudWatchAlarmsPublish")
                .principals(List.of(new ServicePrincipal("cloudwatch.amazonaws.com")))
                .actions(List.of("sns:Publish"))
                .resources(List.of(topic.getTopicArn()))
                .conditions(fromOurAlarms)
                .build());
        return topic;
    }

    private void createAlarms() {
        for (QueueSpec spec : Topology.QUEUES) {
            String id = pascal(spec.logicalName());
            alarm(id + "DlqNotEmpty", "dlq-" + spec.logicalName(),
                    dlq(spec).metricApproximateNumberOfMessagesVisible(period(Duration.minutes(5), "Maximum")),
                    1, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, TreatMissingData.NOT_BREACHING,
                    "Messages in " + spec.dlqName(config.name()) + ": inspect them, then redrive with the operator CLI");
            alarm(id + "OldestMessage", "age-" + spec.logicalName(),
                    queue(spec).metricApproximateAgeOfOldestMessage(period(Duration.minutes(5), "Maximum")),
                    config.queueAgeAlarm().toSeconds(), ComparisonOperator.GREATER_THAN_THRESHOLD,
                    TreatMissingData.NOT_BREACHING,
                    "Oldest message in " + spec.queueName(config.name()) + " is older than "
                            + config.queueAgeAlarm().toSeconds() + " s: its consumer is behind or stopped");
        }
        for (Fn fn : Fn.values()) {
            Function f = functions.get(fn);
            alarm(fn.id() + "Errors", "errors-" + fn.suffix(), f.metricErrors(period(Duration.minutes(5), "Sum")),
                    1, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, TreatMissingData.NOT_BREACHING,
                    functionName(fn) + " failed whole invocations");
            alarm(fn.id() + "Throttles", "throttles-" + fn.suffix(),
                    f.metricThrottles(period(Duration.minutes(5), "Sum")),
                    1, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, TreatMissingData.NOT_BREACHING,
                    functionName(fn) + " was throttled");
        }
        alarm("SessionRenewalErrors", "errors-" + RENEWAL_SUFFIX, renewalFunction.metricErrors(period(Duration.minutes(5), "Sum")),
                1, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, TreatMissingData.NOT_BREACHING,
                config.resourceName(RENEWAL_SUFFIX) + " failed whole invocations (a browser that cannot start?)");
        alarm("SessionRenewalThrottles", "throttles-" + RENEWAL_SUFFIX,
                renewalFunction.metricThrottles(period(Duration.minutes(5), "Sum")),
                1, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, TreatMissingData.NOT_BREACHING,
                config.resourceName(RENEWAL_SUFFIX) + " was throttled");
        alarm("SmsUnknownOutcome", "sms-unknown", customMetric("SmsUnknown", Topology.Stage.SENDER, Duration.minutes(5)),
                1, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, TreatMissingData.NOT_BREACHING,
                "SENS answered neither success nor failure for an SMS: check before any resend");
        if (config.runSummaryAlarm()) {
            alarm("NoRunSummary", "no-run-summary",
                    customMetric("RunSummaryPosted", Topology.Stage.NOTIFIER, Duration.hours(1)),
                    1, ComparisonOperator.LESS_THAN_THRESHOLD, TreatMissingData.BREACHING,
                    "No successful run summary posted in the last hour: the pipeline is not completing runs");
        }
    }

    /** AppConfig for live stores and rules, its deployments watched by the planner's and the run-summary alarms. */
    private LiveConfiguration createLiveConfiguration() {
        List<Alarm> monitors = new ArrayList<>();
        for (String id : List.of(Fn.PLANNER.id() + "ErrorsAlarm", "NoRunSummaryAlarm")) {
            if (getNode().tryFindChild(id) instanceof Alarm a) {
                monitors.add(a);
            }
        }
        LogGroup plannerLogs = (LogGroup) getNode().findChild(Fn.PLANNER.id() + "Logs");
        LiveConfiguration live = new LiveConfiguration(this, config, functions.get(Fn.PLANNER), roles.get(Fn.PLANNER), plannerLogs,
                monitors, new SnsAction(alarmTopic));
        // The fetcher (which stores, their settings) and the notifier (branch names) read the stores profile live too.
        for (Fn fn : List.of(Fn.SCHEDULE, Fn.FETCH, Fn.NOTIFIER, Fn.SWEEP)) {
            live.readStores(this, fn.id(), functions.get(fn), roles.get(fn), config.name());
        }
        return live;
    }

    private static MetricOptions period(Duration period, String statistic) {
        return MetricOptions.builder().period(period).statistic(statistic).build();
    }

    /** A metric the functions emit (EMF) in the PlaceNotify namespace with the service dimension. */
    public Metric customMetric(String name, Topology.Stage module, Duration period) {
        return Metric.Builder.create()
                .namespace(METRICS_NAMESPACE)
                .metricName(name)
                .dimensionsMap(Map.of(SERVICE_DIMENSION, serviceName(module)))
                .statistic("Sum")
                .period(period)
                .build();
    }

    private void alarm(String id, String nameSuffix, IMetric metric, Number threshold, ComparisonOperator op,
                       TreatMissingData missing, String description) {
        Alarm alarm = Alarm.Builder.create(this, id + "Alarm")
                .alarmName(config.resourceName(nameSuffix))
                .alarmDescription(description)
                .metric(metric)
                .threshold(threshold)
                .comparisonOperator(op)
                .evaluationPeriods(1)
                .treatMissingData(missing)
                .build();
        SnsAction action = new SnsAction(alarmTopic);
        alarm.addAlarmAction(action);
        alarm.addOkAction(action);
        alarms.add(alarm);
    }

    private Dashboard createDashboard() {
        Duration p = Duration.minutes(5);
        List<IMetric> invocations = new ArrayList<>();
        List<IMetric> durations = new ArrayList<>();
        List<IMetric> errors = new ArrayList<>();
        List<IMetric> throttles = new ArrayList<>();
        for (Fn fn : Fn.values()) {
            Function f = functions.get(fn);
            invocations.add(f.metricInvocations(label(fn.suffix(), p, "Sum")));
            durations.add(f.metricDuration(label(fn.suffix() + " p99", p, "p99")));
            errors.add(f.metricErrors(label(fn.suffix(), p, "Sum")));
            throttles.add(f.metricThrottles(label(fn.suffix(), p, "Sum")));
        }
        invocations.add(renewalFunction.metricInvocations(label(RENEWAL_SUFFIX, p, "Sum")));
        durations.add(renewalFunction.metricDuration(label(RENEWAL_SUFFIX + " p99", p, "p99")));
        errors.add(renewalFunction.metricErrors(label(RENEWAL_SUFFIX, p, "Sum")));
        throttles.add(renewalFunction.metricThrottles(label(RENEWAL_SUFFIX, p, "Sum")));
        List<IMetric> depths = new ArrayList<>();
        List<IMetric> dlqDepths = new ArrayList<>();
        List<IMetric> ages = new ArrayList<>();
        for (QueueSpec spec : Topology.QUEUES) {
            depths.add(queue(spec).metricApproximateNumberOfMessagesVisible(label(spec.logicalName(), p, "Maximum")));
            dlqDepths.add(dlq(spec).metricApproximateNumberOfMessagesVisible(
                    label(spec.logicalName() + " dlq", p, "Maximum")));
            ages.add(queue(spec).metricApproximateAgeOfOldestMessage(label(spec.logicalName(), p, "Maximum")));
        }
        // SmsSent carries a second dimension, kind: one line per kind, whatever kinds exist.
        IMetric sentPerKind = MathExpression.Builder.create()
                .expression("SEARCH('{" + METRICS_NAMESPACE + ",kind," + SERVICE_DIMENSION + "} MetricName=\"SmsSent\" "
                        + SERVICE_DIMENSION + "=\"" + serviceName(Topology.Stage.SENDER) + "\"', 'Sum', 300)")
                .usingMetrics(Map.of())
                .label("")
                .period(p)
                .build();
        List<IMetric> smsOutcomes = List.of(
                customMetric("SmsFailed", Topology.Stage.SENDER, p).with(label("failed", p, "Sum")),
                customMetric("SmsUnknown", Topology.Stage.SENDER, p).with(label("unknown", p, "Sum")),
                customMetric("SensFailures", Topology.Stage.SENDER, p).with(label("SENS failures", p, "Sum")));

        String name = "PlaceNotify-" + config.name();
        Dashboard d = Dashboard.Builder.create(this, "Dashboard").dashboardName(name).build();
        d.addWidgets(TextWidget.Builder.create()
                .markdown("# place-notify " + config.name() + "\nTick every 20 min (Asia/Seoul). Alarms go to "
                        + config.resourceName("alarms") + ".")
                .width(24).height(2).build());
        d.addWidgets(graph("Invocations", invocations), graph("Duration p99 (ms)", durations),
                graph("Errors", errors), graph("Throttles", throttles));
        d.addWidgets(graph("Queue depth (visible)", depths), graph("DLQ depth", dlqDepths),
                graph("Age of oldest message (s)", ages));
        d.addWidgets(graph("SMS sent per kind", List.of(sentPerKind)), graph("SMS failed / unknown, SENS failures", smsOutcomes),
                graph("Run summaries posted",
                        List.of(customMetric("RunSummaryPosted", Topology.Stage.NOTIFIER, Duration.hours(1)))));
        return d;
    }

    private static MetricOptions label(String label, Duration period, String statistic) {
        return MetricOptions.builder().label(label).period(period).statistic(statistic).build();
    }

    private static IWidget graph(String title, List<IMetric> left) {
        return GraphWidget.Builder.create().title(title).left(left).width(left.size() > 4 ? 6 : 8).height(6).build();
    }

    // ---------------------------------------------------------------- outputs

    private void createOutputs() {
        for (QueueSpec spec : Topology.QUEUES) {
            String id = pascal(spec.logicalName());
            CfnOutput.Builder.create(this, id + "QueueUrl").value(queue(spec).getQueueUrl())
                    .description(spec.queueName(config.name())).build();
            CfnOutput.Builder.create(this, id + "DlqUrl").value(dlq(spec).getQueueUrl())
                    .description(spec.dlqName(config.name())).build();
        }
        for (TableSpec spec : Topology.TABLES) {
            CfnOutput.Builder.create(this, pascal(spec.logicalName()) + "TableName")
                    .value(table(spec).getTableName()).build();
        }
        CfnOutput.Builder.create(this, "SensSecretArn").value(sensSecret.getSecretArn()).build();
        CfnOutput.Builder.create(this, "TelegramSecretArn").value(telegramSecret.getSecretArn()).build();
        CfnOutput.Builder.create(this, "SlackSecretArn").value(slackSecret.getSecretArn()).build();
        CfnOutput.Builder.create(this, "NaverLoginSecretArn").value(naverLoginSecret.getSecretArn()).build();
        CfnOutput.Builder.create(this, "SessionRenewalFunctionName").value(renewalFunction.getFunctionName()).build();
        CfnOutput.Builder.create(this, "DashboardUrl")
                .value("https://" + Aws.REGION + ".console.aws.amazon.com/cloudwatch/home?region=" + Aws.REGION
                        + "#dashboards:name=" + dashboard.getDashboardName())
                .build();
        CfnOutput.Builder.create(this, "AlarmTopicArn").value(alarmTopic.getTopicArn()).build();
        CfnOutput.Builder.create(this, "TickScheduleName").value(tickSchedule.getScheduleName()).build();
    }

    // ---------------------------------------------------------------- accessors (tests, nag)

    static String pascal(String s) {
        StringBuilder b = new StringBuilder();
        for (String part : s.split("[-_ ]")) {
            if (!part.isEmpty()) {
                b.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
            }
        }
        return b.toString();
    }

    public StageConfig config() {
        return config;
    }

    public Queue queue(QueueSpec spec) {
        return queues.get(spec);
    }

    public Queue dlq(QueueSpec spec) {
        return dlqs.get(spec);
    }

    public Table table(TableSpec spec) {
        return tables.get(spec);
    }

    public Function function(Fn fn) {
        return functions.get(fn);
    }

    public Alias alias(Fn fn) {
        return aliases.get(fn);
    }

    public Role role(Fn fn) {
        return roles.get(fn);
    }

    public DockerImageFunction renewalFunction() {
        return renewalFunction;
    }

    public Role renewalRole() {
        return renewalRole;
    }

    public List<Alarm> alarms() {
        return List.copyOf(alarms);
    }

    public Secret sensSecret() {
        return sensSecret;
    }

    public Secret telegramSecret() {
        return telegramSecret;
    }

    public Secret slackSecret() {
        return slackSecret;
    }

    public Secret naverLoginSecret() {
        return naverLoginSecret;
    }

    LiveConfiguration liveConfiguration() {
        return liveConfiguration;
    }

    public Topic alarmTopic() {
        return alarmTopic;
    }

    public Schedule tickSchedule() {
        return tickSchedule;
    }

    public Schedule sweepSchedule() {
        return sweepSchedule;
    }
}
