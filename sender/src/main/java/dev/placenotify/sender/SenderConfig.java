package dev.placenotify.sender;

import dev.placenotify.model.env.CommonEnv;
import dev.placenotify.model.env.SenderEnv;
import dev.placenotify.sender.delivery.FirstCheckSettings;
import dev.placenotify.shell.AwsSettings;
import dev.placenotify.shell.EnvConfig;
import dev.placenotify.model.Topology;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Everything the sender reads from its environment, once, at cold start.
 *
 * @param sensTimeout       how long an answer may take once the request is sent; past it the outcome is UNKNOWN
 * @param sensParallelism   SENS requests in flight at once per instance
 * @param dynamoParallelism idempotency-table calls in flight at once per instance (claims, completions)
 * @param finishReserve     time kept back from the Lambda's remaining time for recording and publishing
 *                          outcomes: no SENS call starts unless it can time out before that reserve; at
 *                          least two AWS calls and a half-second margin ({@link #minimumFinishReserve})
 * @param awsCallTimeout    the longest one DynamoDB or SQS call of the sender may take, SDK retries included
 * @param afterKeyMaxWait   how long after its {@code dueAt} a job still waits for its {@code afterKey}:
 *                          the longest its predecessor can stay on the SMS queue before the DLQ
 * @param guards            the unsubscribe list's cache age and the budget caps ({@link GuardSettings})
 * @param firstChecks       where the first delivery check of each SENT or UNKNOWN text goes, and when; empty:
 *                          none is enqueued
 * @param metricsEnabled    EMF metrics only where an EMF environment is known (Lambda, or
 *                          {@code AWS_EMF_ENVIRONMENT} set); a local run emits none
 */
public record SenderConfig(String environmentName, AwsSettings sqs, AwsSettings dynamo, AwsSettings secrets,
                           String smsQueueUrl, String smsDlqUrl, String resultQueueUrl, String idempotencyTable,
                           URI sensBaseUrl, String sensSecretId, boolean dryRun, int maxReceives,
                           Duration sensConnectTimeout, Duration sensTimeout, int maxAttempts, Duration backoffBase, int sensParallelism,
                           int dynamoParallelism, Duration idempotencyTtl, Duration retryLaterDelay,
                           Duration secretMaxAge, Duration finishReserve, Duration awsCallTimeout,
                           Duration afterKeyMaxWait, boolean metricsEnabled, String metricsNamespace, String serviceName,
                           GuardSettings guards, Optional<FirstCheckSettings> firstChecks) {

    /** Kept after the last recording call for publishing the outcomes. */
    static final Duration PUBLISH_MARGIN = Duration.ofMillis(500);

    public SenderConfig {
        if (finishReserve.compareTo(minimumFinishReserve(awsCallTimeout)) < 0) {
            throw new IllegalArgumentException("FINISH_RESERVE_SECONDS (" + finishReserve.toMillis() / 1000.0
                    + ") must cover recording and publishing the outcomes: at least 2 x AWS_CALL_TIMEOUT_SECONDS + 0.5 = "
                    + minimumFinishReserve(awsCallTimeout).toMillis() / 1000.0);
        }
    }

    /** One call to record outcomes, one to publish them, and a margin. */
    static Duration minimumFinishReserve(Duration awsCallTimeout) {
        return awsCallTimeout.multipliedBy(2).plus(PUBLISH_MARGIN);
    }

    /** The longest one SENS call can take: connecting, then waiting for the answer. */
    public Duration sensCallBudget() {
        return sensConnectTimeout.plus(sensTimeout);
    }

    public static SenderConfig from(EnvConfig env) {
        int maxReceives = env.integer(SenderEnv.SMS_MAX_RECEIVES, 5);
        return new SenderConfig(
                env.string(CommonEnv.ENVIRONMENT_NAME, "dev"),
                AwsSettings.forService(env, CommonEnv.SQS_ENDPOINT_URL),
                AwsSettings.forService(env, CommonEnv.DYNAMODB_ENDPOINT_URL),
                AwsSettings.forService(env, CommonEnv.SECRETSMANAGER_ENDPOINT_URL),
                env.required(SenderEnv.SMS_QUEUE_URL),
                env.required(SenderEnv.SMS_DLQ_URL),
                env.required(SenderEnv.RESULT_QUEUE_URL),
                env.required(SenderEnv.IDEMPOTENCY_TABLE),
                env.uri(SenderEnv.SENS_BASE_URL).orElse(URI.create("https://sens.apigw.ntruss.com")),
                env.required(SenderEnv.SENS_SECRET_ID),
                env.flag(SenderEnv.DRY_RUN, false),
                maxReceives,
                env.seconds(SenderEnv.SENS_CONNECT_TIMEOUT_SECONDS, Duration.ofSeconds(3)),
                env.seconds(SenderEnv.SENS_TIMEOUT_SECONDS, Duration.ofSeconds(5)),
                env.integer(SenderEnv.SENS_MAX_ATTEMPTS, 3),
                env.seconds(SenderEnv.SENS_BACKOFF_SECONDS, Duration.ofMillis(300)),
                Math.max(1, env.integer(SenderEnv.SENS_PARALLELISM, 8)),
                Math.max(1, env.integer(SenderEnv.DYNAMO_PARALLELISM, 16)),
                Duration.ofDays(env.integer(SenderEnv.IDEMPOTENCY_TTL_DAYS, 30)),
                env.seconds(SenderEnv.RETRY_LATER_SECONDS, Duration.ofSeconds(5)),
                env.seconds(SenderEnv.SECRET_MAX_AGE_SECONDS, Duration.ofMinutes(5)),
                env.seconds(SenderEnv.FINISH_RESERVE_SECONDS, Duration.ofSeconds(5)),
                env.seconds(SenderEnv.AWS_CALL_TIMEOUT_SECONDS, Duration.ofSeconds(2)),
                env.seconds(SenderEnv.AFTER_KEY_MAX_WAIT_SECONDS,
                        Duration.ofSeconds((long) maxReceives * Topology.SMS.visibilityTimeoutSeconds())),
                env.optional(CommonEnv.AWS_LAMBDA_FUNCTION_NAME).isPresent() || env.optional(CommonEnv.AWS_EMF_ENVIRONMENT).isPresent(),
                env.string(CommonEnv.POWERTOOLS_METRICS_NAMESPACE, "PlaceNotify"),
                env.string(CommonEnv.POWERTOOLS_SERVICE_NAME, "place-notify-sender"),
                GuardSettings.from(env),
                FirstCheckSettings.from(env));
    }
}
