package dev.placenotify.renewal;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.placenotify.model.RenewalRequest;
import dev.placenotify.shell.EnvConfig;
import dev.placenotify.shell.SqsBatchRunner;
import java.time.Clock;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/** Renewal queue entry: one {@link RenewalRequest} per message (batch size 1), a browser login at most. */
public final class RenewalHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final RenewalComponents components;
    private final SqsBatchRunner<RenewalRequest> runner;

    public RenewalHandler() {
        this(new RenewalComponents(RenewalConfig.from(EnvConfig.fromSystem()), Clock.systemUTC()));
    }

    public RenewalHandler(RenewalComponents components) {
        this.components = components;
        this.runner = new SqsBatchRunner<>(RenewalRequest.class, components.deadLetters);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return PowertoolsLogging.withLogging(context,
                () -> runner.runEach(event, m -> components.renewer.renew(m.body(), m.receiveCount())));
    }
}
