package dev.placenotify.fetcher;

import dev.placenotify.model.env.CommonEnv;
import dev.placenotify.model.env.FetcherEnv;
import dev.placenotify.shell.AwsSettings;
import dev.placenotify.shell.EnvConfig;
import dev.placenotify.shell.config.AppConfigSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** Everything the fetcher reads from its environment, once, at cold start. */
public record FetcherConfig(String environmentName, AwsSettings sqs, AwsSettings dynamo,
                            String fetchQueueUrl, String fetchDlqUrl, String snapshotQueueUrl, String resultQueueUrl,
                            String sessionsTable, URI naverBaseUrl, Optional<String> renewalQueueUrl,
                            int horizonDays, int maxReceives, Optional<Path> storesFile, Duration requestTimeout,
                            int maxAttempts, Duration backoffBase, double requestsPerSecondPerStore,
                            int snapshotMaxBytes, int parallelQueries, MetricsSink metricsSink, String metricsNamespace, String serviceName,
                            String userAgent, URI sessionCheckUrl, AppConfigSettings appConfig) {

    /** The account page the legacy opened to check a login (docs/fetcher.md, "Expiry detection"). */
    public static final URI DEFAULT_SESSION_CHECK_URL = URI.create("https://nid.naver.com/user2/help/myInfoV2?lang=ko_KR");

    /** Where per-store figures go: EMF metrics (default in Lambda) or a log line (default elsewhere). */
    public enum MetricsSink { EMF, LOG }

    public FetcherConfig {
        if (snapshotMaxBytes <= 0 || snapshotMaxBytes > 256 * 1024) {
            throw new IllegalStateException("SNAPSHOT_MAX_BYTES must be 1..262144 (SQS's 256 KB), was " + snapshotMaxBytes);
        }
    }

    public static FetcherConfig from(EnvConfig env) {
        return new FetcherConfig(
                env.string(CommonEnv.ENVIRONMENT_NAME, "dev"),
                AwsSettings.forService(env, CommonEnv.SQS_ENDPOINT_URL),
                AwsSettings.forService(env, CommonEnv.DYNAMODB_ENDPOINT_URL),
                env.required(FetcherEnv.FETCH_QUEUE_URL),
                env.required(FetcherEnv.FETCH_DLQ_URL),
                env.required(FetcherEnv.SNAPSHOT_QUEUE_URL),
                env.required(FetcherEnv.RESULT_QUEUE_URL),
                env.required(FetcherEnv.SESSIONS_TABLE),
                env.uri(FetcherEnv.NAVER_BASE_URL).orElse(URI.create("https://partner.booking.naver.com")),
                env.optional(FetcherEnv.RENEWAL_QUEUE_URL),
                env.integer(FetcherEnv.HORIZON_DAYS, 14),
                env.integer(FetcherEnv.FETCH_MAX_RECEIVES, 3),
                env.path(CommonEnv.STORES_FILE),
                env.seconds(FetcherEnv.NAVER_TIMEOUT_SECONDS, Duration.ofSeconds(10)),
                env.integer(FetcherEnv.NAVER_MAX_ATTEMPTS, 3),
                env.seconds(FetcherEnv.NAVER_BACKOFF_SECONDS, Duration.ofMillis(500)),
                rate(env.string(FetcherEnv.NAVER_REQUESTS_PER_SECOND, "5")),
                env.integer(FetcherEnv.SNAPSHOT_MAX_BYTES, 200 * 1024),
                env.integer(FetcherEnv.NAVER_PARALLEL_QUERIES, 4),
                env.optional(FetcherEnv.FETCH_METRICS).map(FetcherConfig::sink)
                        .orElse(env.optional(CommonEnv.AWS_LAMBDA_FUNCTION_NAME).isPresent() ? MetricsSink.EMF : MetricsSink.LOG),
                env.string(CommonEnv.POWERTOOLS_METRICS_NAMESPACE, "PlaceNotify"),
                env.string(CommonEnv.POWERTOOLS_SERVICE_NAME, "place-notify-fetcher"),
                env.string(FetcherEnv.NAVER_USER_AGENT, NaverConsoleHeaders.DEFAULT_USER_AGENT),
                env.uri(FetcherEnv.NAVER_SESSION_CHECK_URL).orElse(DEFAULT_SESSION_CHECK_URL),
                // The store list and settings, live from AppConfig's stores profile when an application is named.
                AppConfigSettings.from(env));
    }

    private static double rate(String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("configuration NAVER_REQUESTS_PER_SECOND is malformed: " + value);
        }
    }

    private static MetricsSink sink(String value) {
        try {
            return MetricsSink.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("configuration FETCH_METRICS must be emf or log, was " + value);
        }
    }

    /** Automated renewal (the session-renewal function) is asked for only when its queue is configured. */
    public boolean automatedRenewal() {
        return renewalQueueUrl.isPresent();
    }
}
