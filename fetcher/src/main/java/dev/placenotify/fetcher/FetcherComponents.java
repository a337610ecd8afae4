package dev.placenotify.fetcher;

import dev.placenotify.session.SessionStore;
import dev.placenotify.model.StoreCatalog;
import dev.placenotify.shell.AwsClients;
import dev.placenotify.shell.DeadLetters;
import dev.placenotify.shell.QueuePublisher;
import dev.placenotify.shell.config.ConfigFeed;
import dev.placenotify.shell.config.LiveConfig;
import dev.placenotify.shell.config.LiveStores;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The fetcher's clients and collaborators, built once per cold start from its config. */
public final class FetcherComponents {
    private static final Logger LOG = LoggerFactory.getLogger(FetcherComponents.class);

    final FetcherConfig config;
    /** Which stores exist and their settings: live from AppConfig's stores profile, the bundled catalog by default. */
    final LiveConfig<StoreCatalog> stores;
    final SqsClient sqs;
    final DynamoDbClient dynamo;
    final QueuePublisher fetchQueue;
    final QueuePublisher results;
    final DeadLetters deadLetters;
    final FetchStage stage;
    final Clock clock;

    public FetcherComponents(FetcherConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.stores = LiveStores.of("fetcher stores", config.appConfig(), config.storesFile(), ConfigFeed.of(config.appConfig()));
        this.sqs = AwsClients.sqs(config.sqs());
        this.dynamo = AwsClients.dynamo(config.dynamo());
        this.fetchQueue = new QueuePublisher(sqs, config.fetchQueueUrl());
        this.results = new QueuePublisher(sqs, config.resultQueueUrl());
        this.deadLetters = new DeadLetters(sqs, config.fetchDlqUrl(), "fetcher");
        // Redirects are not followed: a redirect to the login page is how an expired session shows.
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        NaverBookingClient naver = new NaverBookingClient(http, config.naverBaseUrl(), config.requestTimeout(),
                config.maxAttempts(), config.backoffBase(), new RequestPacer(config.requestsPerSecondPerStore()),
                config.parallelQueries(), config.userAgent());
        SessionStore sessions = new SessionStore(dynamo, config.sessionsTable());
        SessionRenewal renewal = renewal(config, sqs, clock);
        FetchMetrics metrics = config.metricsSink() == FetcherConfig.MetricsSink.EMF
                ? new EmfFetchMetrics(config.metricsNamespace(), config.serviceName())
                : new LoggedFetchMetrics();
        LOG.info("fetcher ready: session renewal by {}, metrics to {}", renewal.describe(), config.metricsSink());
        NaverSessionCheck sessionCheck = new NaverSessionCheck(http, config.sessionCheckUrl(), config.requestTimeout(),
                config.userAgent());
        this.stage = new FetchStage(stores::current, sessions, renewal, naver, sessionCheck,
                new SnapshotChunker(config.snapshotMaxBytes()), new QueuePublisher(sqs, config.snapshotQueueUrl()),
                results, metrics, config.maxReceives(), clock);
    }

    private static SessionRenewal renewal(FetcherConfig config, SqsClient sqs, Clock clock) {
        return config.renewalQueueUrl()
                .<SessionRenewal>map(url -> new RequestedRenewal(new QueuePublisher(sqs, url), clock))
                .orElseGet(OperatorImport::new);
    }
}
