package dev.placenotify.infra;

import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.logs.RetentionDays;

/**
 * An environment (dev, prod, a shadow prod): everything that differs between two deployments of the pipeline side
 * by side in one account. Read from CDK context ({@code cdk synth -c env=prod -c dryRun=true}); every name the stack
 * creates includes {@link #name()}. ("Stage" means a pipeline step only: fetcher, planner, sender, notifier.)
 *
 * <p>Memory: 512 MB per function. Measured locally (docs/performance.md): the whole pipeline, all four
 * stages plus the emulators and simulators in one JVM, completed the 1,000-store cycle within a 256 MB
 * heap, so no stage needs more heap than that (the legacy used 412 of 512 MB for 8 stores). The rest is
 * bought for CPU, which Lambda allots in proportion to memory: cold start (≈1.6-1.8 s locally to the
 * first event) is CPU-bound class loading. Not measured in AWS yet: read Max Memory Used and Init
 * Duration from the REPORT lines after the first deploy and change the numbers here, in one place.
 */
public record EnvironmentConfig(
        String name,
        boolean prod,
        boolean dryRun,
        boolean scheduleEnabled,
        boolean runSummaryAlarm,
        String logLevel,
        RetentionDays logRetention,
        Duration queueAgeAlarm,
        int fetcherMemoryMb,
        int plannerMemoryMb,
        int senderMemoryMb,
        int notifierMemoryMb) {

    public static final String DEFAULT_ENVIRONMENT = "dev";
    /** The context key naming the environment. */
    public static final String CONTEXT_KEY = "env";
    /** The key's old name, still accepted (operators' scripts pass {@code -c stage=prod}), with a warning. */
    public static final String DEPRECATED_CONTEXT_KEY = "stage";
    private static final Pattern ENVIRONMENT_NAME = Pattern.compile("[a-z][a-z0-9]{1,9}");

    public EnvironmentConfig {
        if (!ENVIRONMENT_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "env must be 2-10 lower-case letters or digits (e.g. dev, prod), was '" + name + "'");
        }
    }

    /** Removal policy for stateful resources: prod keeps its data when the stack goes away. */
    public RemovalPolicy statefulRemovalPolicy() {
        return prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    }

    public String stackName() {
        return "PlaceNotify-" + name;
    }

    /** A resource name in this environment's namespace: {@code place-notify-<env>-<suffix>}. */
    public String resourceName(String suffix) {
        return "place-notify-" + name + "-" + suffix;
    }

    /**
     * Builds the config from a context lookup (the {@code Node.tryGetContext} of the app). Values
     * from the command line arrive as strings, values set in code or cdk.json may be booleans or
     * numbers; both are accepted.
     *
     * <ul>
     *   <li>{@code env}: dev (default) or prod (or any short name; only "prod" gets prod settings); the old key
     *       {@code stage} is still read, with a warning, when {@code env} is not given</li>
     *   <li>{@code dryRun}: sender logs instead of calling SENS (default false)</li>
     *   <li>{@code scheduleEnabled}: the 20-minute tick is enabled (default true)</li>
     *   <li>{@code runSummaryAlarm}: alarm when no run summary was posted for an hour (default: prod only)</li>
     *   <li>{@code logLevel}: Powertools log level (default DEBUG in dev, INFO in prod)</li>
     * </ul>
     */
    public static EnvironmentConfig fromContext(Function<String, Object> context) {
        return fromContext(context, System.err::println);
    }

    /** As {@link #fromContext(Function)}, telling {@code warnings} when the deprecated key was used. */
    public static EnvironmentConfig fromContext(Function<String, Object> context, Consumer<String> warnings) {
        String name = environmentName(context, warnings);
        boolean prod = name.equals("prod");
        return new EnvironmentConfig(
                name,
                prod,
                bool(context.apply("dryRun"), "dryRun", false),
                bool(context.apply("scheduleEnabled"), "scheduleEnabled", true),
                bool(context.apply("runSummaryAlarm"), "runSummaryAlarm", prod),
                string(context.apply("logLevel"), prod ? "INFO" : "DEBUG").toUpperCase(Locale.ROOT),
                prod ? RetentionDays.THREE_MONTHS : RetentionDays.TWO_WEEKS,
                // The tick comes every 20 minutes: a message older than one tick means a stage is behind.
                prod ? Duration.minutes(20) : Duration.hours(1),
                512,
                512,
                512,
                512);
    }

    private static String environmentName(Function<String, Object> context, Consumer<String> warnings) {
        Object env = context.apply(CONTEXT_KEY);
        Object stage = context.apply(DEPRECATED_CONTEXT_KEY);
        if (stage != null && !stage.toString().isBlank()) {
            if (env != null && !env.toString().isBlank() && !string(env, "").equalsIgnoreCase(string(stage, ""))) {
                throw new IllegalArgumentException("context env=" + env + " and the deprecated stage=" + stage
                        + " disagree: pass env only");
            }
            warnings.accept("[place-notify] context key 'stage' is deprecated (stage means a pipeline step): "
                    + "use -c env=" + string(stage, "") + " instead; the stack is the same");
            if (env == null || env.toString().isBlank()) {
                env = stage;
            }
        }
        return string(env, DEFAULT_ENVIRONMENT).toLowerCase(Locale.ROOT);
    }

    private static String string(Object value, String fallback) {
        if (value == null || value.toString().isBlank()) {
            return fallback;
        }
        return value.toString().strip();
    }

    private static boolean bool(Object value, String key, boolean fallback) {
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        return switch (value.toString().strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            case "" -> fallback;
            default -> throw new IllegalArgumentException("context " + key + " must be true or false, was " + value);
        };
    }
}
