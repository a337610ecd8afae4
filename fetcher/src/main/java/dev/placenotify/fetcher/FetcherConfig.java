package dev.placenotify.fetcher;

import dev.placenotify.shell.AwsSettings;
import dev.placenotify.shell.EnvConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Everything the fetcher reads from its environment, once, at cold start. */
public record FetcherConfig(String stageName, AwsSettings sqs, AwsSettings dynamo, AwsSettings secrets,
                            String fetchQueueUrl, String fetchDlqUrl, String snapshotQueueUrl, String resultQueueUrl,
                            String sessionsTable, URI naverBaseUrl, Optional<String> naverLoginSecretId,
                            int horizonDays, int maxReceives, Optional<Path> storesFile, Duration requestTimeout,
                            int maxAttempts, Duration backoffBase, double requestsPerSecondPerStore,
                            int snapshotMaxBytes) {

    public static FetcherConfig from(EnvConfig env) {
        return new FetcherConfig(
                env.string("STAGE_NAME", "dev"),
                AwsSettings.forService(env, "SQS_ENDPOINT_URL"),
                AwsSettings.forService(env, "DYNAMODB_ENDPOINT_URL"),
                AwsSettings.forService(env, "SECRETSMANAGER_ENDPOINT_URL"),
                env.required("FETCH_QUEUE_URL"),
                env.required("FETCH_DLQ_URL"),
                env.required("SNAPSHOT_QUEUE_URL"),
                env.required("RESULT_QUEUE_URL"),
                env.required("SESSIONS_TABLE"),
                env.uri("NAVER_BASE_URL").orElse(URI.create("https://partner.booking.naver.com")),
                env.optional("NAVER_LOGIN_SECRET_ID"),
                env.integer("HORIZON_DAYS", 14),
                env.integer("FETCH_MAX_RECEIVES", 3),
                env.path("STORES_FILE"),
                env.seconds("NAVER_TIMEOUT_SECONDS", Duration.ofSeconds(10)),
                env.integer("NAVER_MAX_ATTEMPTS", 3),
                env.seconds("NAVER_BACKOFF_SECONDS", Duration.ofMillis(500)),
                Double.parseDouble(env.string("NAVER_REQUESTS_PER_SECOND", "5")),
                env.integer("SNAPSHOT_MAX_BYTES", 200 * 1024));
    }
}
