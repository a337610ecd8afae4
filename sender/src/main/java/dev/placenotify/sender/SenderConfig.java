package dev.placenotify.sender;

import dev.placenotify.shell.AwsSettings;
import dev.placenotify.shell.EnvConfig;
import java.net.URI;
import java.time.Duration;

/** Everything the sender reads from its environment, once, at cold start. */
public record SenderConfig(String stageName, AwsSettings sqs, AwsSettings dynamo, AwsSettings secrets,
                           String smsQueueUrl, String smsDlqUrl, String resultQueueUrl, String idempotencyTable,
                           URI sensBaseUrl, String sensSecretId, boolean dryRun, int maxReceives,
                           Duration sensTimeout, int maxAttempts, Duration backoffBase, int parallelism,
                           Duration idempotencyTtl, Duration retryLaterDelay, Duration secretMaxAge) {

    public static SenderConfig from(EnvConfig env) {
        return new SenderConfig(
                env.string("STAGE_NAME", "dev"),
                AwsSettings.forService(env, "SQS_ENDPOINT_URL"),
                AwsSettings.forService(env, "DYNAMODB_ENDPOINT_URL"),
                AwsSettings.forService(env, "SECRETSMANAGER_ENDPOINT_URL"),
                env.required("SMS_QUEUE_URL"),
                env.required("SMS_DLQ_URL"),
                env.required("RESULT_QUEUE_URL"),
                env.required("IDEMPOTENCY_TABLE"),
                env.uri("SENS_BASE_URL").orElse(URI.create("https://sens.apigw.ntruss.com")),
                env.required("SENS_SECRET_ID"),
                env.flag("DRY_RUN", false),
                env.integer("SMS_MAX_RECEIVES", 5),
                env.seconds("SENS_TIMEOUT_SECONDS", Duration.ofSeconds(5)),
                env.integer("SENS_MAX_ATTEMPTS", 3),
                env.seconds("SENS_BACKOFF_SECONDS", Duration.ofMillis(300)),
                env.integer("SENS_PARALLELISM", 8),
                Duration.ofDays(env.integer("IDEMPOTENCY_TTL_DAYS", 30)),
                env.seconds("RETRY_LATER_SECONDS", Duration.ofSeconds(5)),
                env.seconds("SECRET_MAX_AGE_SECONDS", Duration.ofMinutes(5)));
    }
}
