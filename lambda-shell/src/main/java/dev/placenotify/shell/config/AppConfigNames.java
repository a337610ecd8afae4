package dev.placenotify.shell.config;

/**
 * The names of a stage's AppConfig resources, shared by the CDK stack (which creates them), the stages
 * (which read them) and {@code ./operator config} (which finds them by name), like {@code Topology} is for
 * queues and tables.
 */
public final class AppConfigNames {
    private AppConfigNames() {}

    public static String application(String environmentName) {
        return "place-notify-" + environmentName;
    }

    public static String environment(String environmentName) {
        return environmentName;
    }

    public static String deploymentStrategy(String environmentName) {
        return "place-notify-" + environmentName + "-rollout";
    }
}
