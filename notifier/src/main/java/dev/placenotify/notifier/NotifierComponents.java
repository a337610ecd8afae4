package dev.placenotify.notifier;

import dev.placenotify.model.StoreCatalog;
import dev.placenotify.shell.AwsClients;
import dev.placenotify.shell.DeadLetters;
import dev.placenotify.shell.SecretSource;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The notifier's clients and collaborators, built once per cold start from its config. */
public final class NotifierComponents {
    final NotifierStage stage;
    final DeadLetters deadLetters;
    final NotifierMetrics metrics;
    final DeliveryDigest digest;

    public NotifierComponents(NotifierConfig config, Clock clock) {
        this(config, clock, AwsClients.dynamo(config.dynamo()));
    }

    /** With a DynamoDB client of the caller's (the fault-injection tests add an interceptor to it). */
    public NotifierComponents(NotifierConfig config, Clock clock, DynamoDbClient dynamo) {
        SqsClient sqs = AwsClients.sqs(config.sqs());
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
        ChannelHttp channelHttp = new ChannelHttp(http, config.postTimeout(), config.postAttempts(), config.maxRetryAfter(),
                config.postBudget(),
                config.recordReserve());
        Channels channels = new Channels(new TelegramClient(channelHttp, config.telegramBaseUrl()), new SlackClient(channelHttp),
                new SecretSource(AwsClients.secrets(config.secrets()), config.secretMaxAge()),
                config.telegramSecretId(), config.slackSecretId());
        this.metrics = new NotifierMetrics(config.serviceName());
        // One clock for every time the stage reads or writes: the system's in Lambda, the simulated one locally.
        LateOutcomes late = new LateOutcomes(dynamo, config.runsTable(), clock);
        StoreCatalog stores = StoreCatalog.load(config.storesFile());
        DeliveryLedger deliveries = new DeliveryLedger(dynamo, config.runsTable(), clock);
        DeliverySection deliveryLines = new DeliverySection(stores);
        this.digest = new DeliveryDigest(dynamo, config.runsTable(), deliveries, deliveryLines, channels, clock);
        this.stage = new NotifierStage(new RunLedger(dynamo, config.runsTable(), config.runDeadline(), config.runTtl(), late, clock),
                late, new SummaryPosts(dynamo, config.runsTable(), config.runTtl()),
                new AlertThrottle(dynamo, config.runsTable(), config.alertInterval()), channels,
                new SummaryComposer(LiveStoreNames.of(config), config.prices()),
                new DlqInspector(sqs, config.dlqUrlsByStage()), metrics,
                new NotifierStage.Timing(config.announceGrace(), config.staleClaim(), config.recordReserve()), clock,
                deliveries, deliveryLines);
        this.deadLetters = new DeadLetters(sqs, config.resultDlqUrl(), "notifier");
    }
}
