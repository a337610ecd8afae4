package dev.placenotify.fetcher;

import dev.placenotify.model.StoreCatalog;
import dev.placenotify.shell.AwsClients;
import dev.placenotify.shell.DeadLetters;
import dev.placenotify.shell.QueuePublisher;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The fetcher's clients and collaborators, built once per cold start from its config. */
public final class FetcherComponents {
    final FetcherConfig config;
    final StoreCatalog stores;
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
        this.stores = StoreCatalog.load(config.storesFile());
        this.sqs = AwsClients.sqs(config.sqs());
        this.dynamo = AwsClients.dynamo(config.dynamo());
        this.fetchQueue = new QueuePublisher(sqs, config.fetchQueueUrl());
        this.results = new QueuePublisher(sqs, config.resultQueueUrl());
        this.deadLetters = new DeadLetters(sqs, config.fetchDlqUrl(), "fetcher");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        NaverBookingClient naver = new NaverBookingClient(http, config.naverBaseUrl(), config.requestTimeout(),
                config.maxAttempts(), config.backoffBase(), new RequestPacer(config.requestsPerSecondPerStore()));
        this.stage = new FetchStage(stores, new SessionStore(dynamo, config.sessionsTable()), naver,
                new SnapshotChunker(config.snapshotMaxBytes()), new QueuePublisher(sqs, config.snapshotQueueUrl()),
                results, config.maxReceives(), clock);
    }
}
