package dev.placenotify.infra;

import dev.placenotify.model.env.CommonEnv;
import dev.placenotify.model.QueueSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.Stack;

/**
 * One Java Lambda of the pipeline, as every one of them is deployed: its own role (no AWSLambdaBasicExecutionRole:
 * logs go only to its own log group), its own log group, the java21 runtime on arm64 with SnapStart on published
 * versions, the common environment (environment name, Powertools service, namespace and level, JVM flags) plus its
 * stage's variables, and the alias {@code live} on the current version, which event sources and schedules invoke.
 * Grants go through its methods so the function's permissions read as one list where the stack composes it.
 */
final class StageFunction {
    static final String ALIAS_NAME = "live";
    static final String HANDLER_METHOD = "handleRequest";
    static final String JAVA_TOOL_OPTIONS = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1";

    /**
     * What differs between the functions.
     *
     * @param retryAttempts  asynchronous invocations (the schedules'): retries, or null for Lambda's default
     * @param maxEventAge    asynchronous invocations: how old an event may get, or null for Lambda's default
     */
    record Props(JavaFunction fn, int memoryMb, Duration timeout, Map<String, String> environment, Integer retryAttempts,
                 Duration maxEventAge) {}

    private final JavaFunction fn;
    private final Role role;
    private final LogGroup logGroup;
    private final Function function;
    private final Alias alias;

    StageFunction(Stack scope, EnvironmentConfig config, LambdaArtifacts artifacts, Props props) {
        this.fn = props.fn();
        String name = config.resourceName(fn.suffix());
        Map<String, String> env = new LinkedHashMap<>();
        env.put(CommonEnv.ENVIRONMENT_NAME, config.name());
        env.put(CommonEnv.POWERTOOLS_SERVICE_NAME, config.resourceName(fn.module().lowerName()));
        env.put(CommonEnv.POWERTOOLS_METRICS_NAMESPACE, CustomMetrics.NAMESPACE);
        env.put(CommonEnv.POWERTOOLS_LOG_LEVEL, config.logLevel());
        env.put(CommonEnv.JAVA_TOOL_OPTIONS, JAVA_TOOL_OPTIONS);
        env.putAll(props.environment());

        role = Role.Builder.create(scope, fn.id() + "Role")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("place-notify " + config.name() + " " + fn.suffix() + " function")
                .build();
        logGroup = LogGroup.Builder.create(scope, fn.id() + "Logs")
                .logGroupName("/aws/lambda/" + name)
                .retention(config.logRetention())
                .removalPolicy(config.statefulRemovalPolicy())
                .build();
        logGroup.grantWrite(role);

        function = Function.Builder.create(scope, fn.id() + "Function")
                .functionName(name)
                .description("place-notify " + config.name() + ": " + fn.handler())
                .runtime(Runtime.JAVA_21)
                .architecture(Architecture.ARM_64)
                .code(artifacts.code(fn.module()))
                .handler(fn.handler())
                .memorySize(props.memoryMb())
                .timeout(props.timeout())
                .environment(env)
                .role(role)
                .logGroup(logGroup)
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                .build();
        Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                "published: every deploy publishes currentVersion and moves the alias live to it");

        Alias.Builder aliasBuilder = Alias.Builder.create(scope, fn.id() + "Live")
                .aliasName(ALIAS_NAME)
                .version(function.getCurrentVersion());
        if (props.retryAttempts() != null) {
            aliasBuilder.retryAttempts(props.retryAttempts());
        }
        if (props.maxEventAge() != null) {
            aliasBuilder.maxEventAge(props.maxEventAge());
        }
        alias = aliasBuilder.build();
    }

    /** Consumes a queue with partial batch responses, on the alias, so the published SnapStart version handles it. */
    StageFunction consume(QueueSpec spec, IQueue queue) {
        SqsEventSource.Builder source = SqsEventSource.Builder.create(queue)
                .batchSize(spec.batchSize())
                .reportBatchItemFailures(true)
                .maxConcurrency(spec.maxConcurrency());
        if (spec.batchingWindowSeconds() > 0) {
            source.maxBatchingWindow(Duration.seconds(spec.batchingWindowSeconds()));
        }
        alias.addEventSource(source.build());
        return this;
    }

    StageFunction sendsTo(IQueue... targets) {
        for (IQueue q : targets) {
            q.grantSendMessages(role);
        }
        return this;
    }

    StageFunction readsAndWrites(ITable table) {
        table.grantReadWriteData(role);
        return this;
    }

    StageFunction reads(ISecret... secrets) {
        for (ISecret s : secrets) {
            s.grantRead(role);
        }
        return this;
    }

    /** Reads a queue's attributes only (the notifier counts what each DLQ holds for its summaries). */
    StageFunction readsAttributesOf(IQueue queue) {
        queue.grant(role, "sqs:GetQueueAttributes");
        return this;
    }

    JavaFunction fn() {
        return fn;
    }

    Role role() {
        return role;
    }

    LogGroup logGroup() {
        return logGroup;
    }

    Function function() {
        return function;
    }

    Alias alias() {
        return alias;
    }
}
