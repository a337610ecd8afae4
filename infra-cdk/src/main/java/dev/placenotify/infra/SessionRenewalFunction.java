package dev.placenotify.infra;

import dev.placenotify.model.env.CommonEnv;
import dev.placenotify.model.QueueSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.DockerImageFunction;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.Stack;

/**
 * The session-renewal function: a container image (the Lambda Java 21 base image, a pinned Chrome and
 * chromedriver, the module's shaded jar), so Chrome fits (a zip function is capped at 250 MB). Built by
 * {@code cdk deploy} from session-renewal/Dockerfile; synth only stages the directory. x86_64, because Chrome for
 * Testing has no linux arm64 build. No SnapStart (not available for images), so no alias: the event source invokes
 * $LATEST. Its own role and log group, as every function's.
 */
final class SessionRenewalFunction {
    /** Name suffix and service name of the session-renewal function. */
    static final String SUFFIX = "session-renewal";
    /**
     * Chrome's processes and the JVM together: a login measured locally peaked at about 500 MB RSS for the whole
     * process tree (docs/fetcher.md, "Measured"); 2048 MB leaves room for Naver's heavier real pages and, in
     * Lambda, buys about 1.2 vCPU, which is what makes Chrome's start quick.
     */
    static final int MEMORY_MB = 2048;
    /** Lambda has no /dev/shm worth the name and no zygote-friendly sandbox: Chrome runs as one process. */
    static final String CHROMIUM_ARGS = "--single-process --no-zygote";

    private final Role role;
    private final DockerImageFunction function;

    SessionRenewalFunction(Stack scope, EnvironmentConfig config, LambdaArtifacts artifacts,
                           QueueSpec spec, IQueue renewalQueue, Map<String, String> environment) {
        String name = config.resourceName(SUFFIX);
        Map<String, String> env = new LinkedHashMap<>();
        env.put(CommonEnv.ENVIRONMENT_NAME, config.name());
        env.put(CommonEnv.POWERTOOLS_SERVICE_NAME, name);
        env.put(CommonEnv.POWERTOOLS_LOG_LEVEL, config.logLevel());
        env.put(CommonEnv.JAVA_TOOL_OPTIONS, StageFunction.JAVA_TOOL_OPTIONS);
        env.putAll(environment);

        role = Role.Builder.create(scope, "SessionRenewalRole")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("place-notify " + config.name() + " session-renewal function")
                .build();
        LogGroup logGroup = LogGroup.Builder.create(scope, "SessionRenewalLogs")
                .logGroupName("/aws/lambda/" + name)
                .retention(config.logRetention())
                .removalPolicy(config.statefulRemovalPolicy())
                .build();
        logGroup.grantWrite(role);
        function = DockerImageFunction.Builder.create(scope, "SessionRenewalFunction")
                .functionName(name)
                .description("place-notify " + config.name() + ": Naver login in headless Chrome (renewal queue)")
                .code(artifacts.renewalImage())
                .architecture(Architecture.X86_64)
                .memorySize(MEMORY_MB)
                .timeout(Duration.seconds(spec.consumerTimeoutSeconds()))
                .environment(env)
                .role(role)
                .logGroup(logGroup)
                .build();
        function.addEventSource(SqsEventSource.Builder.create(renewalQueue)
                .batchSize(spec.batchSize())
                .reportBatchItemFailures(true)
                .maxConcurrency(spec.maxConcurrency())
                .build());
    }

    Role role() {
        return role;
    }

    DockerImageFunction function() {
        return function;
    }
}
