package dev.placenotify.infra;

import dev.placenotify.model.env.CommonEnv;
import dev.placenotify.model.env.DeliveryCheckEnv;
import dev.placenotify.model.env.NotifierEnv;
import dev.placenotify.model.env.SenderEnv;
import dev.placenotify.model.Topology;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.TimeZone;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.scheduler.CronOptionsWithTimezone;
import software.amazon.awscdk.services.scheduler.Schedule;
import software.amazon.awscdk.services.scheduler.ScheduleExpression;
import software.amazon.awscdk.services.scheduler.ScheduleTargetInput;
import software.amazon.awscdk.services.scheduler.targets.LambdaInvoke;
import software.constructs.Construct;

/**
 * Issue 15's delivery results (docs/sender.md, "Delivery results"; docs/notifier.md, "Delivery results"): the
 * delivery-check function (the sender's jar, {@code DeliveryCheckHandler}) on the delivery queue, which the sender
 * feeds (it gets {@code DELIVERY_QUEUE_URL} and may send there), and the daily digest function (the notifier's jar,
 * {@code DeliveryDigestHandler}) on a 09:00 Asia/Seoul schedule. Neither needs SnapStart: nobody waits for them.
 */
public final class DeliveryChecks extends Construct {
    public static final String CHECK_SUFFIX = "delivery-check";
    public static final String DIGEST_SUFFIX = "delivery-digest";
    public static final String CHECK_HANDLER = "dev.placenotify.sender.delivery.DeliveryCheckHandler::handleRequest";
    public static final String DIGEST_HANDLER = "dev.placenotify.notifier.DeliveryDigestHandler::handleRequest";
    /** Yesterday's results, posted when the owners start their day. */
    public static final String DIGEST_HOUR = "9";

    private final Function check;
    private final Function digest;
    private final Schedule digestSchedule;
    private final Alias digestAlias;

    public DeliveryChecks(PlaceNotifyStack stack, String id, LambdaArtifacts artifacts) {
        super(stack, id);
        EnvironmentConfig config = stack.config();
        Function sender = stack.function(JavaFunction.SENDER);
        sender.addEnvironment(DeliveryCheckEnv.DELIVERY_QUEUE_URL, stack.queue(Topology.DELIVERY).getQueueUrl());
        stack.queue(Topology.DELIVERY).grantSendMessages(sender.getRole());

        Map<String, String> checkEnv = new LinkedHashMap<>();
        checkEnv.put(DeliveryCheckEnv.DELIVERY_QUEUE_URL, stack.queue(Topology.DELIVERY).getQueueUrl());
        checkEnv.put(DeliveryCheckEnv.DELIVERY_DLQ_URL, stack.dlq(Topology.DELIVERY).getQueueUrl());
        checkEnv.put(SenderEnv.RESULT_QUEUE_URL, stack.queue(Topology.RESULT).getQueueUrl());
        checkEnv.put(SenderEnv.IDEMPOTENCY_TABLE, stack.table(Topology.IDEMPOTENCY).getTableName());
        checkEnv.put(SenderEnv.SENS_SECRET_ID, stack.sensSecret().getSecretArn());
        check = function(config, CHECK_SUFFIX, CHECK_HANDLER, artifacts.code(Topology.Stage.SENDER), config.senderMemoryMb(),
                Duration.seconds(Topology.DELIVERY.consumerTimeoutSeconds()), checkEnv);
        stack.table(Topology.IDEMPOTENCY).grantReadWriteData(check.getRole());
        stack.queue(Topology.RESULT).grantSendMessages(check.getRole());
        stack.queue(Topology.DELIVERY).grantSendMessages(check.getRole()); // the next look is a delayed copy
        stack.dlq(Topology.DELIVERY).grantSendMessages(check.getRole());
        stack.sensSecret().grantRead(check.getRole());
        check.addEventSource(SqsEventSource.Builder.create(stack.queue(Topology.DELIVERY))
                .batchSize(Topology.DELIVERY.batchSize())
                .reportBatchItemFailures(true)
                .maxConcurrency(Topology.DELIVERY.maxConcurrency())
                .build());

        Map<String, String> digestEnv = new LinkedHashMap<>();
        digestEnv.put(NotifierEnv.RESULT_DLQ_URL, stack.dlq(Topology.RESULT).getQueueUrl());
        digestEnv.put(NotifierEnv.RUNS_TABLE, stack.table(Topology.RUNS).getTableName());
        digestEnv.put(NotifierEnv.TELEGRAM_SECRET_ID, stack.telegramSecret().getSecretArn());
        digestEnv.put(NotifierEnv.SLACK_SECRET_ID, stack.slackSecret().getSecretArn());
        digest = function(config, DIGEST_SUFFIX, DIGEST_HANDLER, artifacts.code(Topology.Stage.NOTIFIER), config.notifierMemoryMb(),
                PlaceNotifyStack.SWEEP_FUNCTION_TIMEOUT, digestEnv);
        stack.table(Topology.RUNS).grantReadWriteData(digest.getRole());
        stack.telegramSecret().grantRead(digest.getRole());
        stack.slackSecret().grantRead(digest.getRole());
        // The schedule invokes the alias live, like every schedule of the stack: its grant names one ARN, no wildcard.
        digestAlias = Alias.Builder.create(this, "DigestLive").aliasName(PlaceNotifyStack.ALIAS_NAME)
                .version(digest.getCurrentVersion()).retryAttempts(0).build();
        digestSchedule = Schedule.Builder.create(this, "DigestSchedule")
                .scheduleName(config.resourceName(DIGEST_SUFFIX))
                .description("Yesterday's delivery results, daily at 09:00 Asia/Seoul")
                .schedule(ScheduleExpression.cron(CronOptionsWithTimezone.builder()
                        .minute("0").hour(DIGEST_HOUR).day("*").month("*").year("*")
                        .timeZone(TimeZone.ASIA_SEOUL).build()))
                .target(LambdaInvoke.Builder.create(digestAlias)
                        .input(ScheduleTargetInput.fromObject(Map.of()))
                        .retryAttempts(1)
                        .maxEventAge(Duration.hours(1))
                        .build())
                .enabled(config.scheduleEnabled())
                .build();
        for (Function f : List.of(check, digest)) {
            NagSuppressions.addResourceSuppressions(f,
                    List.of(NagPackSuppression.builder().id("AwsSolutions-L1").reason(NagFindings.L1_REASON).build()));
        }
    }

    private Function function(EnvironmentConfig config, String suffix, String handler, software.amazon.awscdk.services.lambda.Code code,
                              int memoryMb, Duration timeout, Map<String, String> stageEnv) {
        String name = config.resourceName(suffix);
        String id = suffix.equals(CHECK_SUFFIX) ? "Check" : "Digest";
        Map<String, String> env = new LinkedHashMap<>();
        env.put(CommonEnv.ENVIRONMENT_NAME, config.name());
        env.put(CommonEnv.POWERTOOLS_SERVICE_NAME, name);
        env.put(CommonEnv.POWERTOOLS_METRICS_NAMESPACE, PlaceNotifyStack.METRICS_NAMESPACE);
        env.put(CommonEnv.POWERTOOLS_LOG_LEVEL, config.logLevel());
        env.put(CommonEnv.JAVA_TOOL_OPTIONS, StageFunction.JAVA_TOOL_OPTIONS);
        env.putAll(stageEnv);
        // Own role, logs only to its own group, like every function of the stack.
        Role role = Role.Builder.create(this, id + "Role")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("place-notify " + config.name() + " " + suffix + " function")
                .build();
        LogGroup logs = LogGroup.Builder.create(this, id + "Logs")
                .logGroupName("/aws/lambda/" + name)
                .retention(config.logRetention())
                .removalPolicy(config.statefulRemovalPolicy())
                .build();
        logs.grantWrite(role);
        return Function.Builder.create(this, id + "Function")
                .functionName(name)
                .description("place-notify " + config.name() + ": " + handler)
                .runtime(Runtime.JAVA_21)
                .architecture(Architecture.ARM_64)
                .code(code)
                .handler(handler)
                .memorySize(memoryMb)
                .timeout(timeout)
                .environment(env)
                .role(role)
                .logGroup(logs)
                .build();
    }

    public Function checkFunction() {
        return check;
    }

    public Function digestFunction() {
        return digest;
    }

    public Alias digestAlias() {
        return digestAlias;
    }

    public Schedule digestSchedule() {
        return digestSchedule;
    }
}
