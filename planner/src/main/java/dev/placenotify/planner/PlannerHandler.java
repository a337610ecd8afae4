package dev.placenotify.planner;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.placenotify.model.BookingSnapshot;
import dev.placenotify.shell.AwsClients;
import dev.placenotify.shell.DeadLetters;
import dev.placenotify.shell.EnvConfig;
import dev.placenotify.shell.QueuePublisher;
import dev.placenotify.shell.SqsBatchRunner;
import dev.placenotify.shell.config.ConfigFeed;
import dev.placenotify.shell.config.LiveConfig;
import java.time.Clock;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/** Snapshot queue entry: each chunk is planned on its own. */
public final class PlannerHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final SqsBatchRunner<BookingSnapshot> runner;
    private final PlannerStage stage;

    public PlannerHandler() {
        this(PlannerConfig.from(EnvConfig.fromSystem()));
    }

    public PlannerHandler(PlannerConfig config) {
        SqsClient sqs = AwsClients.sqs(config.sqs());
        LiveConfig<PlannerSettings> settings = RuleSetSource.live(config, ConfigFeed.of(config.appConfig()));
        // Read now: a cold start with settings that cannot be used fails here, loudly, before any message.
        settings.current();
        this.stage = new PlannerStage(settings::current,
                new BookingStateStore(AwsClients.dynamo(config.dynamo()), config.bookingsTable(), Clock.systemUTC()),
                new QueuePublisher(sqs, config.smsQueueUrl()), new QueuePublisher(sqs, config.resultQueueUrl()),
                config.stateTtl(), config.conflictRetries(), config.pendingLease(), Clock.systemUTC());
        this.runner = new SqsBatchRunner<>(BookingSnapshot.class, new DeadLetters(sqs, config.snapshotDlqUrl(), "planner"));
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        // Powertools puts the Lambda context into every log line; the runner adds the run id per message.
        return PowertoolsLogging.withLogging(context, () -> runner.runEach(event, m -> stage.plan(m.body())));
    }
}
