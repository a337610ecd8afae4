package dev.placenotify.infra;

import dev.placenotify.model.StoreCatalogSchema;
import dev.placenotify.model.env.AppConfigEnv;
import dev.placenotify.shell.config.AppConfigNames;
import dev.placenotify.shell.config.AppConfigSettings;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.services.appconfig.CfnApplication;
import software.amazon.awscdk.services.appconfig.CfnConfigurationProfile;
import software.amazon.awscdk.services.appconfig.CfnDeploymentStrategy;
import software.amazon.awscdk.services.appconfig.CfnEnvironment;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.logs.FilterPattern;
import software.amazon.awscdk.services.logs.ILogGroup;
import software.amazon.awscdk.services.logs.MetricFilter;
import software.amazon.awscdk.Stack;

/**
 * Live store settings and rules (docs/configuration.md): the environment's AppConfig application and environment,
 * the stores and rules profiles (hosted, each with its JSON Schema validator), and an all-at-once deployment
 * strategy whose bake time is watched by the environment's monitors: the planner's error alarm, a
 * CONFIG_REJECTED alarm (the planner refused a live document) and, where enabled, the no-run-summary alarm.
 * Any of them in ALARM during a deployment rolls it back. The planner may read exactly these two profiles.
 */
final class LiveConfiguration {
    private final Stack scope;
    static final String REJECTED_METRIC = "ConfigRejected";

    private final CfnApplication application;
    private final CfnEnvironment environment;
    private final CfnConfigurationProfile stores;
    private final CfnConfigurationProfile rules;
    private final CfnDeploymentStrategy strategy;
    private final Alarm rejectedAlarm;

    LiveConfiguration(Stack scope, EnvironmentConfig config, Function planner, Role plannerRole,
                      ILogGroup plannerLogs, List<Alarm> monitors, SnsAction alarmAction) {
        this.scope = scope;
        String env = config.name();
        application = CfnApplication.Builder.create(scope, "LiveConfigApplication")
                .name(AppConfigNames.application(env))
                .description("place-notify " + env + ": store settings and rules changed without a deploy")
                .build();

        MetricFilter.Builder.create(scope, "ConfigRejectedFilter").logGroup(plannerLogs)
                .filterPattern(FilterPattern.literal("\"" + dev.placenotify.shell.config.LiveConfig.REJECTED_MARKER + "\""))
                .metricNamespace(CustomMetrics.NAMESPACE).metricName(REJECTED_METRIC).metricValue("1").build();
        rejectedAlarm = Alarm.Builder.create(scope, "ConfigRejectedAlarm")
                .alarmName(config.resourceName("config-rejected"))
                .alarmDescription("The planner refused a live store or rule document (schema or rules-against-stores check) "
                        + "and keeps its last good one: fix the document with ./operator config push")
                .metric(software.amazon.awscdk.services.cloudwatch.Metric.Builder.create()
                        .namespace(CustomMetrics.NAMESPACE).metricName(REJECTED_METRIC).statistic("Sum")
                        .period(software.amazon.awscdk.Duration.minutes(5)).build())
                .threshold(1).comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .evaluationPeriods(1).treatMissingData(TreatMissingData.NOT_BREACHING).build();
        rejectedAlarm.addAlarmAction(alarmAction);
        rejectedAlarm.addOkAction(alarmAction);

        List<Alarm> watched = new ArrayList<>(monitors);
        watched.add(rejectedAlarm);
        List<String> alarmArns = watched.stream().map(Alarm::getAlarmArn).toList();
        Role monitorRole = Role.Builder.create(scope, "LiveConfigMonitorRole")
                .assumedBy(new ServicePrincipal("appconfig.amazonaws.com"))
                .description("AppConfig reads the state of place-notify " + env + "'s alarms during a deployment")
                .inlinePolicies(java.util.Map.of("ReadAlarms", PolicyDocument.Builder.create().statements(List.of(
                        PolicyStatement.Builder.create().actions(List.of("cloudwatch:DescribeAlarms")).resources(alarmArns).build()))
                        .build()))
                .build();
        environment = CfnEnvironment.Builder.create(scope, "LiveConfigEnvironment")
                .applicationId(application.getRef())
                .name(AppConfigNames.environment(env))
                .description("the " + env + " environment's functions")
                .monitors(watched.stream().map(a -> (Object) CfnEnvironment.MonitorsProperty.builder()
                        .alarmArn(a.getAlarmArn()).alarmRoleArn(monitorRole.getRoleArn()).build()).toList())
                .build();
        stores = profile("LiveConfigStoresProfile", AppConfigSettings.STORES_PROFILE,
                "stores.json: branch names, sender numbers, template variables and the stores' own templates",
                StoreCatalogSchema.text());
        rules = profile("LiveConfigRulesProfile", AppConfigSettings.RULES_PROFILE,
                "the rule file (docs/rules.md), as JSON", rulesSchema());
        strategy = CfnDeploymentStrategy.Builder.create(scope, "LiveConfigStrategy")
                .name(AppConfigNames.deploymentStrategy(env))
                .description("all at once, then watched by the environment's alarms for the bake time; an alarm rolls it back")
                .deploymentDurationInMinutes(0).growthFactor(100).growthType("LINEAR")
                .finalBakeTimeInMinutes(config.prod() ? 30 : 10).replicateTo("NONE")
                .build();

        planner.addEnvironment(AppConfigEnv.APPCONFIG_APPLICATION, AppConfigNames.application(env));
        planner.addEnvironment(AppConfigEnv.APPCONFIG_ENVIRONMENT, AppConfigNames.environment(env));
        planner.addEnvironment(AppConfigEnv.APPCONFIG_MAX_AGE_SECONDS, Long.toString(AppConfigSettings.DEFAULT_MAX_AGE.toSeconds()));
        String base = "arn:" + Aws.PARTITION + ":appconfig:" + Aws.REGION + ":" + Aws.ACCOUNT_ID + ":application/"
                + application.getRef() + "/environment/" + environment.getRef() + "/configuration/";
        // Its own policy, not the role's default one: the function depends on that, and the environment (named in
        // this policy) depends on the function through its error alarm.
        software.amazon.awscdk.services.iam.Policy.Builder.create(scope, "PlannerLiveConfigPolicy")
                .roles(List.of(plannerRole))
                .statements(List.of(PolicyStatement.Builder.create()
                        .actions(List.of("appconfig:StartConfigurationSession", "appconfig:GetLatestConfiguration"))
                        .resources(List.of(base + stores.getRef(), base + rules.getRef()))
                        .build()))
                .build();

        CfnOutput.Builder.create(scope, "LiveConfigApplicationId").value(application.getRef())
                .description(AppConfigNames.application(env)).build();
        CfnOutput.Builder.create(scope, "LiveConfigEnvironmentId").value(environment.getRef()).build();
    }

    private CfnConfigurationProfile profile(String id, String name, String description, String schema) {
        return CfnConfigurationProfile.Builder.create(scope, id)
                .applicationId(application.getRef())
                .name(name)
                .description(description)
                .locationUri("hosted")
                .type("AWS.Freeform")
                .validators(List.of(CfnConfigurationProfile.ValidatorsProperty.builder().type("JSON_SCHEMA").content(schema).build()))
                .build();
    }

    /** The planner's rules.schema.json, copied onto this module's classpath by its pom. */
    private static String rulesSchema() {
        try (var in = LiveConfiguration.class.getResourceAsStream("/rules.schema.json")) {
            if (in == null) {
                throw new IllegalStateException("rules.schema.json is not on the classpath (infra-cdk/pom.xml copies it)");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Lets a function read the stores profile only (the fetcher's store list, the notifier's branch names): its
     * environment names the application and environment, and its own policy allows exactly that profile.
     */
    void readStores(PlaceNotifyStack stack, String id, Function function, Role role, String environmentName) {
        function.addEnvironment(AppConfigEnv.APPCONFIG_APPLICATION, AppConfigNames.application(environmentName));
        function.addEnvironment(AppConfigEnv.APPCONFIG_ENVIRONMENT, AppConfigNames.environment(environmentName));
        function.addEnvironment(AppConfigEnv.APPCONFIG_MAX_AGE_SECONDS, Long.toString(AppConfigSettings.DEFAULT_MAX_AGE.toSeconds()));
        String profile = "arn:" + Aws.PARTITION + ":appconfig:" + Aws.REGION + ":" + Aws.ACCOUNT_ID + ":application/"
                + application.getRef() + "/environment/" + environment.getRef() + "/configuration/" + stores.getRef();
        software.amazon.awscdk.services.iam.Policy.Builder.create(stack, id + "LiveStoresPolicy")
                .roles(List.of(role))
                .statements(List.of(PolicyStatement.Builder.create()
                        .actions(List.of("appconfig:StartConfigurationSession", "appconfig:GetLatestConfiguration"))
                        .resources(List.of(profile))
                        .build()))
                .build();
    }

    CfnApplication application() {
        return application;
    }

    CfnEnvironment environment() {
        return environment;
    }

    CfnConfigurationProfile storesProfile() {
        return stores;
    }

    CfnConfigurationProfile rulesProfile() {
        return rules;
    }

    CfnDeploymentStrategy strategy() {
        return strategy;
    }

    Alarm rejectedAlarm() {
        return rejectedAlarm;
    }
}
