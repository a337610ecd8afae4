package dev.placenotify.planner;

import dev.placenotify.model.env.CommonEnv;
import dev.placenotify.model.env.PlannerEnv;
import dev.placenotify.shell.AwsSettings;
import dev.placenotify.shell.EnvConfig;
import dev.placenotify.model.Topology;
import dev.placenotify.shell.config.AppConfigSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Everything the planner reads from its environment, once, at cold start. {@code rulesFile} replaces the
 * bundled rule set (the legacy v2's rules) when given; {@code appConfig}, when it names an application, makes
 * the stores and rules live (docs/configuration.md): their content may change between invocations, this
 * record never does.
 */
public record PlannerConfig(String environmentName, AwsSettings sqs, AwsSettings dynamo, String snapshotDlqUrl,
                            String smsQueueUrl, String resultQueueUrl, String bookingsTable, Duration stateTtl,
                            Optional<Path> storesFile, Optional<Path> rulesFile, int conflictRetries,
                            Duration pendingLease, AppConfigSettings appConfig) {

    public static PlannerConfig from(EnvConfig env) {
        return new PlannerConfig(
                env.string(CommonEnv.ENVIRONMENT_NAME, "dev"),
                AwsSettings.forService(env, CommonEnv.SQS_ENDPOINT_URL),
                AwsSettings.forService(env, CommonEnv.DYNAMODB_ENDPOINT_URL),
                env.required(PlannerEnv.SNAPSHOT_DLQ_URL),
                env.required(PlannerEnv.SMS_QUEUE_URL),
                env.required(PlannerEnv.RESULT_QUEUE_URL),
                env.required(PlannerEnv.BOOKINGS_TABLE),
                Duration.ofDays(env.integer(PlannerEnv.STATE_TTL_DAYS, 30)),
                env.path(CommonEnv.STORES_FILE),
                env.path(PlannerEnv.RULES_FILE),
                env.integer(PlannerEnv.STATE_CONFLICT_RETRIES, 3),
                // A planner holding pending marks longer than its own timeout has crashed.
                env.seconds(PlannerEnv.PENDING_LEASE_SECONDS, Duration.ofSeconds(Topology.SNAPSHOT.consumerTimeoutSeconds())),
                AppConfigSettings.from(env));
    }
}
