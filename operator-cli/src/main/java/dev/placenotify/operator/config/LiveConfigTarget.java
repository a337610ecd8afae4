package dev.placenotify.operator.config;

import dev.placenotify.operator.OperatorException;
import dev.placenotify.shell.config.AppConfigNames;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.appconfig.AppConfigClient;
import software.amazon.awssdk.services.appconfig.model.DeploymentState;
import software.amazon.awssdk.services.appconfig.model.DeploymentSummary;
import software.amazon.awssdk.services.appconfig.model.GetDeploymentResponse;
import software.amazon.awssdk.services.appconfig.model.HostedConfigurationVersionSummary;

/**
 * One environment's AppConfig resources, found by the names the CDK stack gives them ({@link AppConfigNames}), and
 * the control-plane calls {@code config push/show} make on them.
 */
final class LiveConfigTarget {
    private static final Set<DeploymentState> GOING_LIVE = Set.of(DeploymentState.COMPLETE, DeploymentState.DEPLOYING,
            DeploymentState.BAKING, DeploymentState.VALIDATING);
    private static final Set<DeploymentState> FINAL = Set.of(DeploymentState.COMPLETE, DeploymentState.ROLLED_BACK,
            DeploymentState.REVERTED);

    /** The live (or going live) document of a profile and the deployment that put it there. */
    record Active(int deploymentNumber, int version, DeploymentState state, Instant startedAt, String content) {}

    /** A deployment as {@code config push/show} reports it. */
    record DeploymentView(int number, ConfigKind kind, int version, DeploymentState state, Instant startedAt,
                          Instant completedAt, double percentComplete, String description) {}

    private final AppConfigClient client;
    private final String environmentName;
    private final String application;
    private final String environment;
    private final String strategy;
    private final Map<ConfigKind, String> profiles;

    private LiveConfigTarget(AppConfigClient client, String environmentName, String application, String environment,
                             String strategy, Map<ConfigKind, String> profiles) {
        this.client = client;
        this.environmentName = environmentName;
        this.application = application;
        this.environment = environment;
        this.strategy = strategy;
        this.profiles = profiles;
    }

    static LiveConfigTarget resolve(AppConfigClient client, String environmentName) {
        String appName = AppConfigNames.application(environmentName);
        String app = client.listApplicationsPaginator(b -> {}).items().stream().filter(a -> appName.equals(a.name()))
                .findFirst().orElseThrow(() -> missing("application " + appName)).id();
        String envName = AppConfigNames.environment(environmentName);
        String env = client.listEnvironmentsPaginator(b -> b.applicationId(app)).items().stream()
                .filter(e -> envName.equals(e.name())).findFirst().orElseThrow(() -> missing("environment " + envName)).id();
        String strategyName = AppConfigNames.deploymentStrategy(environmentName);
        String strategy = client.listDeploymentStrategiesPaginator(b -> {}).items().stream()
                .filter(s -> strategyName.equals(s.name())).findFirst().orElseThrow(() -> missing("deployment strategy " + strategyName)).id();
        Map<ConfigKind, String> profiles = new EnumMap<>(ConfigKind.class);
        var all = client.listConfigurationProfilesPaginator(b -> b.applicationId(app)).items().stream().toList();
        for (ConfigKind kind : ConfigKind.values()) {
            profiles.put(kind, all.stream().filter(p -> kind.profile().equals(p.name())).findFirst()
                    .orElseThrow(() -> missing("configuration profile " + kind.profile())).id());
        }
        return new LiveConfigTarget(client, environmentName, app, env, strategy, profiles);
    }

    private static OperatorException missing(String what) {
        return new OperatorException("AppConfig has no " + what + ": is the environment deployed with the live-configuration "
                + "resources (infra-cdk), and are --env/--local-env and --region right?");
    }

    String describe() {
        return "AppConfig " + AppConfigNames.application(environmentName) + "/" + AppConfigNames.environment(environmentName);
    }

    /** Deployments of this environment, newest first. */
    List<DeploymentView> deployments() {
        return client.listDeploymentsPaginator(b -> b.applicationId(application).environmentId(environment)).items().stream()
                .map(this::view).toList();
    }

    /** What is live (or going live) for {@code kind}, or empty when nothing was deployed (the stages use their bundled file). */
    Optional<Active> active(ConfigKind kind) {
        for (DeploymentView d : deployments()) {
            if (d.kind() == kind && GOING_LIVE.contains(d.state())) {
                String content = client.getHostedConfigurationVersion(b -> b.applicationId(application)
                        .configurationProfileId(profiles.get(kind)).versionNumber(d.version())).content().asUtf8String();
                return Optional.of(new Active(d.number(), d.version(), d.state(), d.startedAt(), content));
            }
        }
        return Optional.empty();
    }

    /** Stores {@code json} as the profile's next hosted version; fails if someone else created one meanwhile. */
    int createVersion(ConfigKind kind, String json, String description) {
        Optional<Integer> latest = client.listHostedConfigurationVersionsPaginator(b -> b.applicationId(application)
                .configurationProfileId(profiles.get(kind))).items().stream()
                .map(HostedConfigurationVersionSummary::versionNumber).max(Integer::compare);
        return client.createHostedConfigurationVersion(b -> {
            b.applicationId(application).configurationProfileId(profiles.get(kind)).contentType("application/json")
                    .description(description).content(SdkBytes.fromString(json, StandardCharsets.UTF_8));
            latest.ifPresent(b::latestVersionNumber);
        }).versionNumber();
    }

    DeploymentView startDeployment(ConfigKind kind, int version, String description) {
        var r = client.startDeployment(b -> b.applicationId(application).environmentId(environment)
                .deploymentStrategyId(strategy).configurationProfileId(profiles.get(kind))
                .configurationVersion(Integer.toString(version)).description(description));
        return new DeploymentView(r.deploymentNumber(), kind, version, r.state(), r.startedAt(), r.completedAt(),
                r.percentageComplete() == null ? 0 : r.percentageComplete(), r.description());
    }

    /** Polls the deployment until it is final or {@code wait} has passed; returns the last state seen. */
    DeploymentView await(DeploymentView started, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        DeploymentView d = started;
        while (!FINAL.contains(d.state()) && System.nanoTime() < deadline) {
            Thread.sleep(Math.min(5_000, Math.max(100, wait.toMillis() / 20)));
            int n = d.number();
            GetDeploymentResponse r = client.getDeployment(b -> b.applicationId(application).environmentId(environment)
                    .deploymentNumber(n));
            d = new DeploymentView(r.deploymentNumber(), started.kind(), started.version(), r.state(), r.startedAt(),
                    r.completedAt(), r.percentageComplete() == null ? 0 : r.percentageComplete(), r.description());
        }
        return d;
    }

    private DeploymentView view(DeploymentSummary s) {
        // Summaries name the profile, not its id.
        ConfigKind kind = s.configurationName() != null && s.configurationName().equals(ConfigKind.RULES.profile())
                ? ConfigKind.RULES : ConfigKind.STORES;
        return new DeploymentView(s.deploymentNumber(), kind, Integer.parseInt(s.configurationVersion()), s.state(),
                s.startedAt(), s.completedAt(), s.percentageComplete() == null ? 0 : s.percentageComplete(), null);
    }
}
