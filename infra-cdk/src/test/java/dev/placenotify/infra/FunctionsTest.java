package dev.placenotify.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.placenotify.model.QueueSpec;
import dev.placenotify.model.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FunctionsTest {
    private static final Stacks.Synthesized DEV = Stacks.dev();

    private static JsonNode fn(Stacks.Synthesized s, JavaFunction fn) {
        return s.props(s.stack().function(fn));
    }

    private static JsonNode env(Stacks.Synthesized s, JavaFunction fn) {
        return fn(s, fn).path("Environment").path("Variables");
    }

    private static String ref(JsonNode node) {
        return node.path("Ref").asText(null);
    }

    @Test
    void nineFunctionsTheEightJavaOnesEachWithOneAliasAndOneVersion() {
        // Six stage functions, issue 15's delivery check and digest (DeliveryFunctionsTest), and the session-renewal image.
        assertThat(JavaFunction.values()).hasSize(8);
        assertThat(DEV.resources("AWS::Lambda::Function")).hasSize(9);
        assertThat(DEV.resources("AWS::Lambda::Alias")).hasSize(8);
        assertThat(DEV.resources("AWS::Lambda::Version")).hasSize(8);
    }

    @ParameterizedTest
    @EnumSource(JavaFunction.class)
    void runtimeArchitectureSnapStartHandler(JavaFunction f) {
        JsonNode p = fn(DEV, f);
        assertThat(p.path("Runtime").asText()).isEqualTo("java21");
        assertThat(p.path("Architectures").get(0).asText()).isEqualTo("arm64");
        assertThat(p.path("Architectures")).hasSize(1);
        assertThat(p.path("SnapStart").path("ApplyOn").asText()).isEqualTo("PublishedVersions");
        assertThat(p.path("Handler").asText()).isEqualTo(f.handler()).endsWith("::handleRequest");
        assertThat(p.path("FunctionName").asText()).isEqualTo("place-notify-dev-" + f.suffix());
        assertThat(p.path("MemorySize").asInt()).isEqualTo(512);
        assertThat(ref(p.path("LoggingConfig").path("LogGroup"))).isNotNull();
    }

    @Test
    void handlersAreTheAgreedClasses() {
        assertThat(fn(DEV, JavaFunction.SCHEDULE).path("Handler").asText())
                .isEqualTo("dev.placenotify.fetcher.ScheduleHandler::handleRequest");
        assertThat(fn(DEV, JavaFunction.FETCH).path("Handler").asText())
                .isEqualTo("dev.placenotify.fetcher.FetchHandler::handleRequest");
        assertThat(fn(DEV, JavaFunction.PLANNER).path("Handler").asText())
                .isEqualTo("dev.placenotify.planner.PlannerHandler::handleRequest");
        assertThat(fn(DEV, JavaFunction.SENDER).path("Handler").asText())
                .isEqualTo("dev.placenotify.sender.SenderHandler::handleRequest");
        assertThat(fn(DEV, JavaFunction.NOTIFIER).path("Handler").asText())
                .isEqualTo("dev.placenotify.notifier.NotifierHandler::handleRequest");
        assertThat(fn(DEV, JavaFunction.SWEEP).path("Handler").asText())
                .isEqualTo("dev.placenotify.notifier.SweepHandler::handleRequest");
    }

    @Test
    void functionsOfOneModuleShareTheirJar() {
        assertThat(fn(DEV, JavaFunction.SCHEDULE).path("Code")).isEqualTo(fn(DEV, JavaFunction.FETCH).path("Code"));
        assertThat(fn(DEV, JavaFunction.NOTIFIER).path("Code")).isEqualTo(fn(DEV, JavaFunction.SWEEP).path("Code"));
        if (!Stacks.artifacts().isPlaceholder()) {
            assertThat(fn(DEV, JavaFunction.FETCH).path("Code").path("S3Key").asText()).endsWith(".jar");
            assertThat(fn(DEV, JavaFunction.FETCH).path("Code")).isNotEqualTo(fn(DEV, JavaFunction.PLANNER).path("Code"));
        }
    }

    @Test
    void consumerTimeoutsComeFromTheTopologyAndQueueVisibilityIsSixTimesThem() {
        Map<JavaFunction, QueueSpec> consumers = Map.of(JavaFunction.FETCH, Topology.FETCH, JavaFunction.PLANNER, Topology.SNAPSHOT,
                JavaFunction.SENDER, Topology.SMS, JavaFunction.NOTIFIER, Topology.RESULT);
        consumers.forEach((f, spec) -> {
            int timeout = fn(DEV, f).path("Timeout").asInt();
            assertThat(timeout).as(f.name()).isEqualTo(spec.consumerTimeoutSeconds());
            int visibility = DEV.props(DEV.stack().queue(spec)).path("VisibilityTimeout").asInt();
            assertThat(visibility).as(spec.logicalName()).isEqualTo(6 * timeout).isEqualTo(spec.visibilityTimeoutSeconds());
        });
        assertThat(fn(DEV, JavaFunction.SCHEDULE).path("Timeout").asInt()).isEqualTo(30);
        assertThat(fn(DEV, JavaFunction.SWEEP).path("Timeout").asInt()).isEqualTo(60);
    }

    /**
     * The variables every Java function gets. Which variables each one gets, and that its stage starts with them, is
     * EnvironmentThroughConfigTest's: it passes them through the stage's own Config.from.
     */
    @ParameterizedTest
    @EnumSource(JavaFunction.class)
    void commonEnvironment(JavaFunction f) {
        JsonNode e = env(DEV, f);
        assertThat(e.path("ENVIRONMENT_NAME").asText()).isEqualTo("dev");
        assertThat(e.path("POWERTOOLS_METRICS_NAMESPACE").asText()).isEqualTo("PlaceNotify");
        assertThat(e.path("POWERTOOLS_SERVICE_NAME").asText()).isEqualTo("place-notify-dev-" + f.module().lowerName());
        assertThat(e.path("POWERTOOLS_LOG_LEVEL").asText()).isEqualTo("DEBUG");
        assertThat(e.path("JAVA_TOOL_OPTIONS").asText()).isEqualTo("-XX:+TieredCompilation -XX:TieredStopAtLevel=1");
    }

    @Test
    void environmentValuesPointAtThisStacksResources() {
        PlaceNotifyStack st = DEV.stack();
        JsonNode fetch = env(DEV, JavaFunction.FETCH);
        assertThat(env(DEV, JavaFunction.SCHEDULE)).isEqualTo(fetch);
        assertThat(ref(fetch.path("FETCH_QUEUE_URL"))).isEqualTo(DEV.id(st.queue(Topology.FETCH)));
        assertThat(ref(fetch.path("FETCH_DLQ_URL"))).isEqualTo(DEV.id(st.dlq(Topology.FETCH)));
        assertThat(ref(fetch.path("SNAPSHOT_QUEUE_URL"))).isEqualTo(DEV.id(st.queue(Topology.SNAPSHOT)));
        assertThat(ref(fetch.path("RESULT_QUEUE_URL"))).isEqualTo(DEV.id(st.queue(Topology.RESULT)));
        assertThat(ref(fetch.path("SESSIONS_TABLE"))).isEqualTo(DEV.id(st.table(Topology.SESSIONS)));
        assertThat(ref(fetch.path("RENEWAL_QUEUE_URL"))).isEqualTo(DEV.id(st.queue(Topology.RENEWAL)));
        assertThat(fetch.has("NAVER_LOGIN_SECRET_ID")).as("the fetcher never reads the Naver password").isFalse();
        assertThat(fetch.path("FETCH_MAX_RECEIVES").asText()).isEqualTo(Integer.toString(Topology.FETCH.maxReceives()));
        assertThat(fetch.path("HORIZON_DAYS").asText()).isEqualTo("14");

        JsonNode planner = env(DEV, JavaFunction.PLANNER);
        assertThat(ref(planner.path("SNAPSHOT_DLQ_URL"))).isEqualTo(DEV.id(st.dlq(Topology.SNAPSHOT)));
        assertThat(ref(planner.path("SMS_QUEUE_URL"))).isEqualTo(DEV.id(st.queue(Topology.SMS)));
        assertThat(ref(planner.path("BOOKINGS_TABLE"))).isEqualTo(DEV.id(st.table(Topology.BOOKINGS)));
        assertThat(planner.path("STATE_TTL_DAYS").asText()).isEqualTo("30");

        JsonNode sender = env(DEV, JavaFunction.SENDER);
        assertThat(ref(sender.path("SMS_QUEUE_URL"))).isEqualTo(DEV.id(st.queue(Topology.SMS)));
        assertThat(ref(sender.path("SMS_DLQ_URL"))).isEqualTo(DEV.id(st.dlq(Topology.SMS)));
        assertThat(ref(sender.path("IDEMPOTENCY_TABLE"))).isEqualTo(DEV.id(st.table(Topology.IDEMPOTENCY)));
        assertThat(ref(sender.path("SENS_SECRET_ID"))).isEqualTo(DEV.id(st.sensSecret()));
        assertThat(sender.path("SMS_MAX_RECEIVES").asText()).isEqualTo(Integer.toString(Topology.SMS.maxReceives()));
        assertThat(sender.path("DRY_RUN").asText()).isEqualTo("false");
        assertThat(ref(sender.path("DELIVERY_QUEUE_URL"))).isEqualTo(DEV.id(st.queue(Topology.DELIVERY)));

        JsonNode notifier = env(DEV, JavaFunction.NOTIFIER);
        assertThat(env(DEV, JavaFunction.SWEEP)).isEqualTo(notifier);
        assertThat(ref(notifier.path("RESULT_DLQ_URL"))).isEqualTo(DEV.id(st.dlq(Topology.RESULT)));
        assertThat(ref(notifier.path("RUNS_TABLE"))).isEqualTo(DEV.id(st.table(Topology.RUNS)));
        assertThat(ref(notifier.path("TELEGRAM_SECRET_ID"))).isEqualTo(DEV.id(st.telegramSecret()));
        assertThat(ref(notifier.path("SLACK_SECRET_ID"))).isEqualTo(DEV.id(st.slackSecret()));
        assertThat(notifier.path("RUN_DEADLINE_SECONDS").asText()).isEqualTo("600");
        for (String dlq : List.of("FETCH_DLQ_URL", "SNAPSHOT_DLQ_URL", "SMS_DLQ_URL")) {
            assertThat(ref(notifier.path(dlq))).isNotNull();
        }
    }

    @Test
    void prodShadowDeploymentPutsTheSenderInDryRunAndLogsAtInfo() {
        Stacks.Synthesized prod = Stacks.prod();
        assertThat(env(prod, JavaFunction.SENDER).path("DRY_RUN").asText()).isEqualTo("true");
        assertThat(env(prod, JavaFunction.SENDER).path("ENVIRONMENT_NAME").asText()).isEqualTo("prod");
        assertThat(env(prod, JavaFunction.SENDER).path("POWERTOOLS_LOG_LEVEL").asText()).isEqualTo("INFO");
    }

    @Test
    void noEnvironmentValueLooksLikeASecret() {
        for (JavaFunction f : JavaFunction.values()) {
            env(DEV, f).properties().forEach(e -> {
                if (e.getKey().endsWith("_SECRET_ID")) {
                    assertThat(ref(e.getValue())).as(e.getKey()).isNotNull(); // a secret's ARN, never a value
                }
                assertThat(e.getKey()).doesNotContain("TOKEN", "PASSWORD", "WEBHOOK", "ACCESS_KEY");
            });
        }
    }

    @ParameterizedTest
    @EnumSource(JavaFunction.class)
    void aliasLiveOnThePublishedVersion(JavaFunction f) {
        JsonNode alias = DEV.props(DEV.stack().alias(f));
        assertThat(alias.path("Name").asText()).isEqualTo("live");
        assertThat(ref(alias.path("FunctionName"))).isEqualTo(DEV.id(DEV.stack().function(f)));
        String version = alias.path("FunctionVersion").path("Fn::GetAtt").get(0).asText();
        assertThat(DEV.json().get("Resources").get(version).path("Type").asText()).isEqualTo("AWS::Lambda::Version");
    }

    @Test
    void eventSourcesUseTheAliasWithPartialBatchResponsesAndTopologySettings() {
        Map<String, JsonNode> mappings = new java.util.TreeMap<>(DEV.resources("AWS::Lambda::EventSourceMapping"));
        assertThat(mappings).hasSize(6);
        List<String> checkedElsewhere = List.of(DEV.id(DEV.stack().queue(Topology.RENEWAL)),
                DEV.id(DEV.stack().queue(Topology.DELIVERY)));
        mappings.values().removeIf(m -> checkedElsewhere.contains(m.get("Properties").path("EventSourceArn")
                .path("Fn::GetAtt").get(0).asText())); // the image function's (below) and the delivery check's (DeliveryFunctionsTest)
        Map<JavaFunction, QueueSpec> consumers = Map.of(JavaFunction.FETCH, Topology.FETCH, JavaFunction.PLANNER, Topology.SNAPSHOT,
                JavaFunction.SENDER, Topology.SMS, JavaFunction.NOTIFIER, Topology.RESULT);
        List<JavaFunction> seen = new ArrayList<>();
        for (JsonNode m : mappings.values()) {
            JsonNode p = m.get("Properties");
            String queueId = p.path("EventSourceArn").path("Fn::GetAtt").get(0).asText();
            Map.Entry<JavaFunction, QueueSpec> consumer = consumers.entrySet().stream()
                    .filter(e -> DEV.id(DEV.stack().queue(e.getValue())).equals(queueId)).findFirst().orElseThrow();
            JavaFunction f = consumer.getKey();
            QueueSpec spec = consumer.getValue();
            seen.add(f);
            // FunctionName is "<function name>:live", built from the alias's ARN.
            String functionName = p.path("FunctionName").toString();
            assertThat(functionName).contains(DEV.id(DEV.stack().alias(f))).contains(":live");
            assertThat(p.path("FunctionResponseTypes").get(0).asText()).isEqualTo("ReportBatchItemFailures");
            assertThat(p.path("BatchSize").asInt()).isEqualTo(spec.batchSize());
            assertThat(p.path("MaximumBatchingWindowInSeconds").asInt(0)).isEqualTo(spec.batchingWindowSeconds());
            assertThat(p.path("ScalingConfig").path("MaximumConcurrency").asInt()).isEqualTo(spec.maxConcurrency());
        }
        assertThat(seen).containsExactlyInAnyOrder(JavaFunction.FETCH, JavaFunction.PLANNER, JavaFunction.SENDER, JavaFunction.NOTIFIER);
    }

    @Test
    void senderAndFetcherConcurrencyIsCapped() {
        assertThat(Topology.SMS.maxConcurrency()).isBetween(2, 10);
        // Naver politeness: at most 20 stores fetched at once (each store's own requests are paced).
        assertThat(Topology.FETCH.maxConcurrency()).isBetween(2, 20);
    }

    @Test
    void logGroupsPerFunctionWithRetention() {
        Map<String, JsonNode> dev = DEV.resources("AWS::Logs::LogGroup");
        assertThat(dev).hasSize(9);
        JsonNode renewalLogs = DEV.json().get("Resources").get(ref(DEV.props(DEV.stack().renewalFunction())
                .path("LoggingConfig").path("LogGroup")));
        assertThat(renewalLogs.path("Properties").path("LogGroupName").asText())
                .isEqualTo("/aws/lambda/place-notify-dev-session-renewal");
        for (JavaFunction f : JavaFunction.values()) {
            String id = ref(fn(DEV, f).path("LoggingConfig").path("LogGroup"));
            JsonNode lg = DEV.json().get("Resources").get(id);
            assertThat(lg.path("Properties").path("LogGroupName").asText()).isEqualTo("/aws/lambda/place-notify-dev-" + f.suffix());
            assertThat(lg.path("Properties").path("RetentionInDays").asInt()).isEqualTo(14);
            assertThat(lg.path("DeletionPolicy").asText()).isEqualTo("Delete");
        }
        Stacks.prod().resources("AWS::Logs::LogGroup").values().forEach(lg -> {
            assertThat(lg.path("Properties").path("RetentionInDays").asInt()).isEqualTo(90);
            assertThat(lg.path("DeletionPolicy").asText()).isEqualTo("Retain");
        });
    }

    @Test
    void theSessionRenewalFunctionIsAContainerImageOnTheRenewalQueue() {
        PlaceNotifyStack st = DEV.stack();
        JsonNode p = DEV.props(st.renewalFunction());
        assertThat(p.path("PackageType").asText()).isEqualTo("Image");
        assertThat(p.path("Code").path("ImageUri").toString()).as("an asset image, built by cdk deploy").contains("cdk-")
                .contains("container-assets");
        assertThat(p.has("Runtime")).isFalse();
        assertThat(p.has("Handler")).isFalse();
        assertThat(p.has("SnapStart")).as("SnapStart does not exist for images").isFalse();
        assertThat(p.path("Architectures").get(0).asText()).as("Chrome for Testing ships linux64 only").isEqualTo("x86_64");
        assertThat(p.path("MemorySize").asInt()).isEqualTo(PlaceNotifyStack.RENEWAL_MEMORY_MB);
        assertThat(p.path("Timeout").asInt()).isEqualTo(Topology.RENEWAL.consumerTimeoutSeconds());
        assertThat(p.path("FunctionName").asText()).isEqualTo("place-notify-dev-session-renewal");

        JsonNode env = p.path("Environment").path("Variables"); // which ones: EnvironmentThroughConfigTest
        assertThat(ref(env.path("NAVER_LOGIN_SECRET_ID"))).isEqualTo(DEV.id(st.naverLoginSecret()));
        assertThat(ref(env.path("SESSIONS_TABLE"))).isEqualTo(DEV.id(st.table(Topology.SESSIONS)));
        assertThat(ref(env.path("RESULT_QUEUE_URL"))).isEqualTo(DEV.id(st.queue(Topology.RESULT)));
        assertThat(ref(env.path("RENEWAL_DLQ_URL"))).isEqualTo(DEV.id(st.dlq(Topology.RENEWAL)));
        assertThat(env.path("CHROMIUM_EXTRA_ARGS").asText()).contains("--single-process");

        JsonNode mapping = DEV.resources("AWS::Lambda::EventSourceMapping").values().stream()
                .filter(m -> m.get("Properties").path("EventSourceArn").path("Fn::GetAtt").get(0).asText()
                        .equals(DEV.id(st.queue(Topology.RENEWAL)))).findFirst().orElseThrow().get("Properties");
        assertThat(ref(mapping.path("FunctionName"))).isEqualTo(DEV.id(st.renewalFunction()));
        assertThat(mapping.path("BatchSize").asInt()).isEqualTo(1);
        assertThat(mapping.path("FunctionResponseTypes").get(0).asText()).isEqualTo("ReportBatchItemFailures");
        assertThat(mapping.path("ScalingConfig").path("MaximumConcurrency").asInt()).isEqualTo(Topology.RENEWAL.maxConcurrency());
    }

    @Test
    void theImageIsBuiltFromTheModulesDockerfileWithAPinnedChromeAndTheShadedJar() throws java.io.IOException {
        java.nio.file.Path module = Stacks.moduleDir().getParent().resolve("session-renewal");
        String dockerfile = java.nio.file.Files.readString(module.resolve("Dockerfile"));
        assertThat(dockerfile).contains("FROM public.ecr.aws/lambda/java:21").containsPattern("ARG CHROME_VERSION=\\d+\\.\\d+\\.\\d+\\.\\d+")
                .contains("chromedriver-linux64.zip").contains("COPY target/session-renewal-*-lambda.jar ${LAMBDA_TASK_ROOT}/lib/")
                .contains("CMD [\"dev.placenotify.renewal.RenewalHandler::handleRequest\"]");
        // The environment the image sets is where the function looks (RenewalConfig's CHROMIUM_PATH / CHROMEDRIVER_PATH).
        assertThat(dockerfile).contains("CHROMIUM_PATH=/opt/chrome-linux64/chrome")
                .contains("CHROMEDRIVER_PATH=/opt/chromedriver-linux64/chromedriver");
        assertThat(java.nio.file.Files.readAllLines(module.resolve(".dockerignore")))
                .contains("*", "!Dockerfile", "!target/session-renewal-*-lambda.jar");
        assertThat(DEV.stack().renewalFunction()).isNotNull();
    }
}
