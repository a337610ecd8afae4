package dev.placenotify.notifier;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.placenotify.model.RunEvent;
import dev.placenotify.shell.EnvConfig;
import dev.placenotify.shell.SqsBatchRunner;
import java.time.Clock;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/** Result queue entry: every stage's reports, applied to the run ledger. */
public final class NotifierHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final NotifierComponents components;
    private final SqsBatchRunner<RunEvent> runner;

    public NotifierHandler() {
        this(new NotifierComponents(NotifierConfig.from(EnvConfig.fromSystem()), Clock.systemUTC()));
    }

    public NotifierHandler(NotifierComponents components) {
        this.components = components;
        this.runner = new SqsBatchRunner<>(RunEvent.class, components.deadLetters);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        components.metrics.coldStart(context);
        // Powertools puts the Lambda context into every log line; the stage adds the run id per message.
        // Planned from the time left when the invocation starts: no post may outlive it.
        InvocationDeadline deadline = InvocationDeadline.of(context);
        return PowertoolsLogging.withLogging(context, () -> runner.runAll(event, messages -> components.stage.handle(messages, deadline)));
    }
}
