package dev.placenotify.infra;

import dev.placenotify.model.StoreCatalogSchema;
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
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.MetricFilter;

/**
 * Live store settings and rules (docs/configuration.md): the stage's AppConfig application and environment,
 * the stores and rules profiles (hosted, each with its JSON Schema validator), and an all-at-once deployment
 * strategy whose bake time is watched by the environment's monitors: the planner's error alarm, a
 * CONFIG_REJECTED alarm (the planner refused a live document) and, where enabled, the no-run-summary alarm.
 * Any of them in ALARM during a deployment rolls it back. The planner may read exactly these two profiles.
 */
final class LiveConfiguration {
    static final String REJECTED_METRIC = "ConfigRejected";

    private final CfnApplication application;
    private final CfnEnvironment environment;
    private final CfnConfigurationProfile stores;
    private final CfnConfigurationProfile rules;
    private final CfnDeploymentStrategy strategy;
    private final Alarm rejectedAlarm;

    LiveConfiguration(PlaceNotifyStack stack, StageConfig config, Function planner, Role plannerRole, LogGroup plannerLogs,
                      List<Alarm> monitors, SnsAction alarmAction) {
        String stage = config.name();
        application = CfnApplication.Builder.create(stack, "LiveConfigApplication")
                .name(AppConfigNames.application(stage))
                .description("place-notify " + stage + ": store settings and rules changed without a deploy")
                .build();

        MetricFilter.Builder.create(stack, "ConfigRejectedFilter").logGroup(plannerLogs)
                .filterPattern(FilterPattern.literal("\"" + dev.placenotify.shell.config.LiveConfig.REJECTED_MARKER + "\""))
                .metricNamespace(PlaceNotifyStack.METRICS_NAMESPACE).metricName(REJECTED_METRIC).metricValue("1").build();
        rejectedAlarm = Alarm.Builder.create(stack, "ConfigRejectedAlarm")
                .alarmName(config.resourceName("config-rejected"))
                .alarmDescription("The planner refused a live store or rule document (schema or rules-against-stores check) "
                        + "and keeps its last good one: fix the document with ./operator config push")
                .metric(software.amazon.awscdk.services.cloudwatch.Metric.Builder.create()
                        .namespace(PlaceNotifyStack.METRICS_NAMESPACE).metricName(REJECTED_METRIC).statistic("Sum")
                        .period(software.amazon.awscdk.Duration.minutes(5)).build())
                .threshold(1).comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .evaluationPeriods(1).treatMissingData(TreatMissingData.NOT_BREACHING).build();
        rejectedAlarm.addAlarmAction(alarmAction);
        rejectedAlarm.addOkAction(alarmAction);

        List<Alarm> watched = new ArrayList<>(monitors);
        watched.add(rejectedAlarm);
        List<String> alarmArns = watched.stream().map(Alarm::getAlarmArn).toList();
        Role monitorRole = Role.Builder.create(stack, "LiveConfigMonitorRole")
                .assumedBy(new ServicePrincipal("appconfig.amazonaws.com"))
                .description("AppConfig reads the state of place-notify " + stage + "'s alarms during a deployment")
                .inlinePolicies(java.util.Map.of("ReadAlarms", PolicyDocument.Builder.create().statements(List.of(
                        PolicyStatement.Builder.create().actions(List.of("cloudwatch:DescribeAlarms")).resources(alarmArns).build()))
                        .build()))
                .build();
        environment = CfnEnvironment.Builder.create(stack, "LiveConfigEnvironment")
                .applicationId(application.getRef())
                .name(AppConfigNames.environment(stage))
                .description("the " + stage + " stage's functions")
                .monitors(watched.stream().map(a -> (Object) CfnEnvironment.MonitorsProperty.builder()
                        .alarmArn(a.getAlarmArn()).alarmRoleArn(monitorRole.getRoleArn()).build()).toList())
                .build();
        stores = profile(stack, "LiveConfigStoresProfile", AppConfigSettings.STORES_PROFILE,
                "stores.json: branch names, sender numbers, template variables and the stores' own templates",
                StoreCatalogSchema.text());
        rules = profile(stack, "LiveConfigRulesProfile", AppConfigSettings.RULES_PROFILE,
                "the rule file (docs/rules.md), as JSON", rulesSchema());
        strategy = CfnDeploymentStrategy.Builder.create(stack, "LiveConfigStrategy")
                .name(AppConfigNames.deploymentStrategy(stage))
                .description("all at once, then watched by the stage's alarms for the bake time; an alarm rolls it back")
                .deploymentDurationInMinutes(0).growthFactor(100).growthType("LINEAR")
                .finalBakeTimeInMinutes(config.prod() ? 30 : 10).replicateTo("NONE")
                .build();

        planner.addEnvironment("APPCONFIG_APPLICATION", AppConfigNames.application(stage));
        planner.addEnvironment("APPCONFIG_ENVIRONMENT", AppConfigNames.environment(stage));
        planner.addEnvironment("APPCONFIG_MAX_AGE_SECONDS", Long.toString(AppConfigSettings.DEFAULT_MAX_AGE.toSeconds()));
        String base = "arn:" + Aws.PARTITION + ":appconfig:" + Aws.REGION + ":" + Aws.ACCOUNT_ID + ":application/"
                + application.getRef() + "/environment/" + environment.getRef() + "/configuration/";
        // Its own policy, not the role's default one: the function depends on that, and the environment (named in
        // this policy) depends on the function through its error alarm.
        software.amazon.awscdk.services.iam.Policy.Builder.create(stack, "PlannerLiveConfigPolicy")
                .roles(List.of(plannerRole))
                .statements(List.of(PolicyStatement.Builder.create()
                        .actions(List.of("appconfig:StartConfigurationSession", "appconfig:GetLatestConfiguration"))
                        .resources(List.of(base + stores.getRef(), base + rules.getRef()))
                        .build()))
                .build();

        CfnOutput.Builder.create(stack, "LiveConfigApplicationId").value(application.getRef())
                .description(AppConfigNames.application(stage)).build();
        CfnOutput.Builder.create(stack, "LiveConfigEnvironmentId").value(environment.getRef()).build();
    }

    private CfnConfigurationProfile profile(PlaceNotifyStack stack, String id, String name, String description, String schema) {
        return CfnConfigurationProfile.Builder.create(stack, id)
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
    void readStores(PlaceNotifyStack stack, String id, Function function, Role role, String stage) {
        function.addEnvironment("APPCONFIG_APPLICATION", AppConfigNames.application(stage));
        function.addEnvironment("APPCONFIG_ENVIRONMENT", AppConfigNames.environment(stage));
        function.addEnvironment("APPCONFIG_MAX_AGE_SECONDS", Long.toString(AppConfigSettings.DEFAULT_MAX_AGE.toSeconds()));
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
