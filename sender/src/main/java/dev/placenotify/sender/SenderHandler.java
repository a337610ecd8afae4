package dev.placenotify.sender;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.placenotify.model.SmsJob;
import dev.placenotify.sender.delivery.DeliveryChecks;
import dev.placenotify.sender.budget.BudgetCheck;
import dev.placenotify.sender.budget.BudgetLedger;
import dev.placenotify.sender.optout.OptOutCache;
import dev.placenotify.sender.optout.SensUnsubscribes;
import dev.placenotify.shell.AwsClients;
import dev.placenotify.shell.DeadLetters;
import dev.placenotify.shell.EnvConfig;
import dev.placenotify.shell.LogContextExecutor;
import dev.placenotify.shell.QueuePublisher;
import dev.placenotify.shell.RedeliveryDelays;
import dev.placenotify.shell.SecretSource;
import dev.placenotify.shell.SqsBatchRunner;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/** SMS queue entry: a batch of jobs to SENS, at most once each. */
public final class SenderHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final SqsBatchRunner<SmsJob> runner;
    private final SendStage stage;
    private final Duration defaultRemaining;

    public SenderHandler() {
        this(SenderConfig.from(EnvConfig.fromSystem()), Clock.systemUTC());
    }

    public SenderHandler(SenderConfig config, Clock clock) {
        // Bounded calls: the invocation is planned from the Lambda's remaining time (docs/sender.md).
        SqsClient sqs = BoundedAwsClients.sqs(config.sqs(), config.awsCallTimeout());
        HttpClient http = HttpClient.newBuilder().connectTimeout(config.sensConnectTimeout()).build();
        DynamoDbClient dynamo = BoundedAwsClients.dynamo(config.dynamo(), config.awsCallTimeout());
        SensCredentialsSource credentials = new SensCredentialsSource(
                new SecretSource(AwsClients.secrets(config.secrets()), config.secretMaxAge()), config.sensSecretId());
        this.stage = new SendStage(
                new IdempotencyStore(dynamo, config.idempotencyTable(), config.idempotencyTtl()),
                new SensClient(http, config.sensBaseUrl(), config.sensTimeout(), clock),
                credentials,
                new QueuePublisher(sqs, config.resultQueueUrl()), new QueuePublisher(sqs, config.smsQueueUrl()), config, clock,
                // One virtual thread per task: the stage bounds SENS and DynamoDB concurrency itself. The
                // tasks log under the batch's run id and the Lambda context, like the handler's thread.
                LogContextExecutor.wrap(Executors.newVirtualThreadPerTaskExecutor()), SendMetrics.from(config),
                new OptOutCache(new SensUnsubscribes(http, config.sensBaseUrl(), config.sensTimeout(), clock), credentials::current,
                        config.guards().optOutMaxAge(), clock),
                new BudgetCheck(new BudgetLedger(dynamo, config.idempotencyTable(), config.idempotencyTtl()), config.guards().budget()),
                config.firstChecks().map(settings -> DeliveryChecks.of(settings, sqs)).orElse(null));
        // Messages handed back for a reason time resolves come back at that time: the runner sets their visibility.
        this.runner = new SqsBatchRunner<>(SmsJob.class, new DeadLetters(sqs, config.smsDlqUrl(), "sender"),
                new RedeliveryDelays(sqs, config.smsQueueUrl(), config.awsCallTimeout()));
        this.defaultRemaining = Duration.ofSeconds(60);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        Duration remaining = context == null ? defaultRemaining : Duration.ofMillis(context.getRemainingTimeInMillis());
        // Powertools puts the Lambda context into every log line; the batch's run id is the correlation id.
        return PowertoolsLogging.withLogging(context, () -> runner.run(event, context, messages -> {
            try (var ignored = SqsBatchRunner.correlateAll(messages)) {
                return stage.handle(messages, remaining);
            }
        }));
    }
}
