package dev.placenotify.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import dev.placenotify.fetcher.FetcherConfig;
import dev.placenotify.model.env.AppConfigEnv;
import dev.placenotify.model.env.CommonEnv;
import dev.placenotify.model.env.DeliveryCheckEnv;
import dev.placenotify.model.env.FetcherEnv;
import dev.placenotify.model.env.NotifierEnv;
import dev.placenotify.model.env.PlannerEnv;
import dev.placenotify.model.env.RenewalEnv;
import dev.placenotify.model.env.SenderEnv;
import dev.placenotify.notifier.NotifierConfig;
import dev.placenotify.planner.PlannerConfig;
import dev.placenotify.renewal.RenewalConfig;
import dev.placenotify.sender.SenderConfig;
import dev.placenotify.sender.delivery.DeliveryCheckConfig;
import dev.placenotify.shell.EnvConfig;
import dev.placenotify.model.Topology;
import dev.placenotify.shell.config.AppConfigNames;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.constructs.IConstruct;

/**
 * Each synthesized function's environment, as Lambda will hand it over, passed through its stage's real
 * {@code Config.from}: the stage starts (every variable it requires is there and well-formed), the values point at
 * this stack's resources and settings, every variable the stack sets is one the stage declares
 * ({@code dev.placenotify.model.env}), and none is set for nothing. Values that are CloudFormation references get a
 * stand-in naming the referenced resource ({@code ref:<logical id>}).
 */
class EnvironmentThroughConfigTest {
    private static final Stacks.Synthesized DEV = Stacks.dev();
    private static final PlaceNotifyStack ST = DEV.stack();
    /** Read by the JVM or by Powertools itself, not by a stage's Config. */
    private static final Set<String> RUNTIME = Set.of(CommonEnv.JAVA_TOOL_OPTIONS, CommonEnv.POWERTOOLS_LOG_LEVEL,
            CommonEnv.POWERTOOLS_SERVICE_NAME, CommonEnv.POWERTOOLS_METRICS_NAMESPACE);

    private static Map<String, String> environment(Stacks.Synthesized s, IConstruct function) {
        Map<String, String> env = new LinkedHashMap<>();
        s.props(function).path("Environment").path("Variables").properties()
                .forEach(e -> env.put(e.getKey(), standIn(e.getValue())));
        return env;
    }

    private static String standIn(JsonNode value) {
        if (value.isTextual()) {
            return value.asText();
        }
        return value.has("Ref") ? "ref:" + value.get("Ref").asText() : "token:" + value;
    }

    private static String ref(IConstruct construct) {
        return "ref:" + DEV.id(construct);
    }

    private static Set<String> declared(JavaFunction f) {
        Set<String> names = new HashSet<>(CommonEnv.names());
        switch (f.module()) {
            case FETCHER -> {
                names.addAll(FetcherEnv.names());
                names.addAll(AppConfigEnv.names());
            }
            case PLANNER -> {
                names.addAll(PlannerEnv.names());
                names.addAll(AppConfigEnv.names());
            }
            case SENDER -> {
                // The sender enqueues each text's first delivery check: it reads the delivery queue too.
                names.addAll(SenderEnv.names());
                names.addAll(DeliveryCheckEnv.names());
            }
            case NOTIFIER -> {
                names.addAll(NotifierEnv.names());
                names.addAll(AppConfigEnv.names());
            }
        }
        return names;
    }

    /** The configuration each function starts with (a function of the sender's jar that is not the sender has its own). */
    private static Function<EnvConfig, Object> configOf(JavaFunction f) {
        return switch (f) {
            case SCHEDULE, FETCH -> FetcherConfig::from;
            case PLANNER -> PlannerConfig::from;
            case SENDER -> SenderConfig::from;
            case NOTIFIER, SWEEP, DELIVERY_DIGEST -> NotifierConfig::from;
            case DELIVERY_CHECK -> e -> DeliveryCheckConfig.from(e).requireFunctionSettings();
        };
    }

    /**
     * ENVIRONMENT_NAME is set on every function for whoever reads its configuration; the delivery check behaves the same
     * in every environment, so it is the one variable it does not read.
     */
    private static Set<String> unread(JavaFunction f) {
        return f == JavaFunction.DELIVERY_CHECK ? Set.of(CommonEnv.ENVIRONMENT_NAME) : Set.of();
    }

    @ParameterizedTest
    @EnumSource(JavaFunction.class)
    void everyVariableIsDeclaredByTheStageAndTheStageStartsWithThem(JavaFunction f) {
        Map<String, String> env = environment(DEV, ST.function(f));
        assertThat(declared(f)).as("variables %s's stage declares", f).containsAll(env.keySet());
        assertThatCode(() -> configOf(f).apply(new EnvConfig(env))).doesNotThrowAnyException();
    }

    /** Every variable the stack sets is read: a different value gives a different configuration. */
    @ParameterizedTest
    @EnumSource(JavaFunction.class)
    void noVariableIsSetForNothing(JavaFunction f) {
        Map<String, String> env = new LinkedHashMap<>(environment(DEV, ST.function(f)));
        assertThat(env.keySet()).containsAll(unread(f));
        env.keySet().removeAll(unread(f));
        everyVariableIsRead(env, configOf(f));
    }

    private static void everyVariableIsRead(Map<String, String> env, Function<EnvConfig, Object> config) {
        Object as = config.apply(new EnvConfig(env));
        for (String name : env.keySet()) {
            if (RUNTIME.contains(name)) {
                continue;
            }
            Map<String, String> changed = new LinkedHashMap<>(env);
            changed.put(name, changedValue(env.get(name)));
            assertThat(config.apply(new EnvConfig(changed))).as("with another %s", name).isNotEqualTo(as);
        }
    }

    /** Another valid value of the same kind: a number plus one, the other boolean, a longer string. */
    private static String changedValue(String value) {
        if (value.matches("\\d+")) {
            return Integer.toString(Integer.parseInt(value) + 1);
        }
        return switch (value) {
            case "true" -> "false";
            case "false" -> "true";
            default -> value + "-other";
        };
    }

    @Test
    void theDeliveryCheckGetsItsQueuesTheRecordsAndTheSensSecret() {
        DeliveryCheckConfig c = DeliveryCheckConfig.from(new EnvConfig(environment(DEV, ST.function(JavaFunction.DELIVERY_CHECK))));
        assertThat(c.queueUrl()).contains(ref(ST.queue(Topology.DELIVERY)));
        assertThat(c.dlqUrl()).contains(ref(ST.dlq(Topology.DELIVERY)));
        assertThat(c.resultQueueUrl()).contains(ref(ST.queue(Topology.RESULT)));
        assertThat(c.idempotencyTable()).contains(ref(ST.table(Topology.IDEMPOTENCY)));
        assertThat(c.sensSecretId()).contains(ref(ST.sensSecret()));
    }

    @Test
    void theFetcherEntriesGetThisStacksQueuesTableAndSettings() {
        for (JavaFunction f : new JavaFunction[] {JavaFunction.SCHEDULE, JavaFunction.FETCH}) {
            FetcherConfig c = FetcherConfig.from(new EnvConfig(environment(DEV, ST.function(f))));
            assertThat(c.environmentName()).isEqualTo("dev");
            assertThat(c.fetchQueueUrl()).isEqualTo(ref(ST.queue(Topology.FETCH)));
            assertThat(c.fetchDlqUrl()).isEqualTo(ref(ST.dlq(Topology.FETCH)));
            assertThat(c.snapshotQueueUrl()).isEqualTo(ref(ST.queue(Topology.SNAPSHOT)));
            assertThat(c.resultQueueUrl()).isEqualTo(ref(ST.queue(Topology.RESULT)));
            assertThat(c.sessionsTable()).isEqualTo(ref(ST.table(Topology.SESSIONS)));
            assertThat(c.renewalQueueUrl()).contains(ref(ST.queue(Topology.RENEWAL)));
            assertThat(c.automatedRenewal()).isTrue();
            assertThat(c.horizonDays()).isEqualTo(StageEnvironments.HORIZON_DAYS);
            assertThat(c.maxReceives()).isEqualTo(Topology.FETCH.maxReceives());
            assertThat(c.serviceName()).isEqualTo("place-notify-dev-fetcher");
            assertThat(c.metricsNamespace()).isEqualTo("PlaceNotify");
        }
    }

    @Test
    void thePlannerGetsItsQueuesTableAndItsLiveConfiguration() {
        PlannerConfig c = PlannerConfig.from(new EnvConfig(environment(DEV, ST.function(JavaFunction.PLANNER))));
        assertThat(c.snapshotDlqUrl()).isEqualTo(ref(ST.dlq(Topology.SNAPSHOT)));
        assertThat(c.smsQueueUrl()).isEqualTo(ref(ST.queue(Topology.SMS)));
        assertThat(c.resultQueueUrl()).isEqualTo(ref(ST.queue(Topology.RESULT)));
        assertThat(c.bookingsTable()).isEqualTo(ref(ST.table(Topology.BOOKINGS)));
        assertThat(c.stateTtl()).isEqualTo(Duration.ofDays(StageEnvironments.STATE_TTL_DAYS));
        assertThat(c.appConfig().application()).contains(AppConfigNames.application("dev"));
        assertThat(c.appConfig().environment()).isEqualTo(AppConfigNames.environment("dev"));
        assertThat(c.appConfig().enabled()).isTrue();
    }

    @Test
    void theSenderGetsItsQueuesTableAndTheSensSecretAndIsInDryRunInTheShadowProd() {
        SenderConfig c = SenderConfig.from(new EnvConfig(environment(DEV, ST.function(JavaFunction.SENDER))));
        assertThat(c.smsQueueUrl()).isEqualTo(ref(ST.queue(Topology.SMS)));
        assertThat(c.smsDlqUrl()).isEqualTo(ref(ST.dlq(Topology.SMS)));
        assertThat(c.resultQueueUrl()).isEqualTo(ref(ST.queue(Topology.RESULT)));
        assertThat(c.idempotencyTable()).isEqualTo(ref(ST.table(Topology.IDEMPOTENCY)));
        assertThat(c.sensSecretId()).isEqualTo(ref(ST.sensSecret()));
        assertThat(c.maxReceives()).isEqualTo(Topology.SMS.maxReceives());
        assertThat(c.dryRun()).isFalse();
        assertThat(c.serviceName()).isEqualTo("place-notify-dev-sender");
        assertThat(c.firstChecks()).hasValueSatisfying(first -> assertThat(first.queueUrl()).isEqualTo(ref(ST.queue(Topology.DELIVERY))));

        Stacks.Synthesized prod = Stacks.prod();
        SenderConfig shadow = SenderConfig.from(new EnvConfig(environment(prod, prod.stack().function(JavaFunction.SENDER))));
        assertThat(shadow.dryRun()).isTrue();
        assertThat(shadow.environmentName()).isEqualTo("prod");
    }

    @Test
    void bothNotifierEntriesGetTheRunsTableTheChatSecretsAndEveryDlqTheyCount() {
        for (JavaFunction f : new JavaFunction[] {JavaFunction.NOTIFIER, JavaFunction.SWEEP}) {
            NotifierConfig c = NotifierConfig.from(new EnvConfig(environment(DEV, ST.function(f))));
            assertThat(c.resultDlqUrl()).isEqualTo(ref(ST.dlq(Topology.RESULT)));
            assertThat(c.runsTable()).isEqualTo(ref(ST.table(Topology.RUNS)));
            assertThat(c.telegramSecretId()).isEqualTo(ref(ST.telegramSecret()));
            assertThat(c.slackSecretId()).isEqualTo(ref(ST.slackSecret()));
            assertThat(c.runDeadline()).isEqualTo(Duration.ofSeconds(StageEnvironments.RUN_DEADLINE_SECONDS));
            assertThat(c.dlqUrlsByStage()).isEqualTo(Map.of(
                    "fetcher", ref(ST.dlq(Topology.FETCH)), "planner", ref(ST.dlq(Topology.SNAPSHOT)),
                    "sender", ref(ST.dlq(Topology.SMS)), "notifier", ref(ST.dlq(Topology.RESULT)),
                    "session-renewal", ref(ST.dlq(Topology.RENEWAL)), "delivery-check", ref(ST.dlq(Topology.DELIVERY))));
            assertThat(c.serviceName()).isEqualTo("place-notify-dev-notifier");
        }
    }

    @Test
    void theSessionRenewalFunctionGetsTheSessionsTheLoginSecretAndItsBrowserSwitches() {
        Map<String, String> env = environment(DEV, ST.renewalFunction());
        Set<String> declared = new HashSet<>(CommonEnv.names());
        declared.addAll(RenewalEnv.names());
        assertThat(declared).containsAll(env.keySet());

        RenewalConfig c = RenewalConfig.from(new EnvConfig(env));
        assertThat(c.environmentName()).isEqualTo("dev");
        assertThat(c.renewalDlqUrl()).isEqualTo(ref(ST.dlq(Topology.RENEWAL)));
        assertThat(c.resultQueueUrl()).isEqualTo(ref(ST.queue(Topology.RESULT)));
        assertThat(c.sessionsTable()).isEqualTo(ref(ST.table(Topology.SESSIONS)));
        assertThat(c.loginSecretId()).isEqualTo(ref(ST.naverLoginSecret()));
        assertThat(c.maxReceives()).isEqualTo(Topology.RENEWAL.maxReceives());
        assertThat(c.browser().extraArguments()).contains("--single-process", "--no-zygote");

        everyVariableIsRead(env, RenewalConfig::from);
    }
}
