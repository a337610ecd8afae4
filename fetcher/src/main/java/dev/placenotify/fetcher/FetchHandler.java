package dev.placenotify.fetcher;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.placenotify.model.FetchRequest;
import dev.placenotify.shell.EnvConfig;
import dev.placenotify.shell.SqsBatchRunner;
import java.time.Clock;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/** Fetch queue entry: one store's fetch per message (scheduled or enqueued by hand for a backfill). */
public final class FetchHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final FetcherComponents components;
    private final SqsBatchRunner<FetchRequest> runner;

    public FetchHandler() {
        this(new FetcherComponents(FetcherConfig.from(EnvConfig.fromSystem()), Clock.systemUTC()));
    }

    public FetchHandler(FetcherComponents components) {
        this.components = components;
        this.runner = new SqsBatchRunner<>(FetchRequest.class, components.deadLetters);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        // Powertools puts the Lambda context into every log line; the runner adds the run id per message.
        return PowertoolsLogging.withLogging(context,
                () -> runner.runEach(event, m -> components.stage.fetch(m.body(), m.receiveCount())));
    }
}
