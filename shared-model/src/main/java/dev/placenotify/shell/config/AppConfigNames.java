package dev.placenotify.shell.config;

/**
 * The names of a stage's AppConfig resources, shared by the CDK stack (which creates them), the stages
 * (which read them) and {@code ./operator config} (which finds them by name), like {@code Topology} is for
 * queues and tables.
 */
public final class AppConfigNames {
    private AppConfigNames() {}

    public static String application(String stageName) {
        return "place-notify-" + stageName;
    }

    public static String environment(String stageName) {
        return stageName;
    }

    public static String deploymentStrategy(String stageName) {
        return "place-notify-" + stageName + "-rollout";
    }
}
