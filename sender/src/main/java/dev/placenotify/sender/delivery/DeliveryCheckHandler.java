package dev.placenotify.sender.delivery;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.placenotify.model.DeliveryCheck;
import dev.placenotify.sender.SensCredentialsSource;
import dev.placenotify.shell.AwsClients;
import dev.placenotify.shell.DeadLetters;
import dev.placenotify.shell.EnvConfig;
import dev.placenotify.shell.QueuePublisher;
import dev.placenotify.shell.SecretSource;
import dev.placenotify.shell.SqsBatchRunner;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.concurrent.Executors;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * Delivery-check queue entry (a function of its own, from the sender's jar): looks up at SENS what became
 * of sent and UNKNOWN texts, records it on their idempotency records and reports it to the notifier.
 */
public final class DeliveryCheckHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final SqsBatchRunner<DeliveryCheck> runner;
    private final DeliveryCheckStage stage;

    public DeliveryCheckHandler() {
        this(DeliveryCheckConfig.from(EnvConfig.fromSystem()), Clock.systemUTC());
    }

    public DeliveryCheckHandler(DeliveryCheckConfig config, Clock clock) {
        config.requireFunctionSettings();
        SqsClient sqs = AwsClients.sqs(config.sqs());
        HttpClient http = HttpClient.newBuilder().connectTimeout(config.lookupTimeout()).build();
        this.stage = new DeliveryCheckStage(new DeliveryRecords(AwsClients.dynamo(config.dynamo()), config.idempotencyTable().get()),
                new SensLookup(http, config.sensBaseUrl(), config.lookupTimeout(), clock),
                new SensCredentialsSource(new SecretSource(AwsClients.secrets(config.secrets()), config.secretMaxAge()),
                        config.sensSecretId().get()),
                new QueuePublisher(sqs, config.resultQueueUrl().get()), new QueuePublisher(sqs, config.queueUrl().get()),
                config, clock, Executors.newVirtualThreadPerTaskExecutor());
        this.runner = new SqsBatchRunner<>(DeliveryCheck.class, new DeadLetters(sqs, config.dlqUrl().get(), "delivery"));
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> runner.run(event, context, stage::handle));
    }
}
