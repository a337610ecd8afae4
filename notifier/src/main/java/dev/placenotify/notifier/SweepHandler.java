package dev.placenotify.notifier;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.placenotify.shell.EnvConfig;
import java.time.Clock;
import java.util.Map;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/** Scheduled every few minutes: summarises runs past their deadline as incomplete, alerts on DLQs. */
public final class SweepHandler implements RequestHandler<Map<String, Object>, String> {
    private final NotifierComponents components;

    public SweepHandler() {
        this(new NotifierComponents(NotifierConfig.from(EnvConfig.fromSystem()), Clock.systemUTC()));
    }

    public SweepHandler(NotifierComponents components) {
        this.components = components;
    }

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        components.metrics.coldStart(context);
        InvocationDeadline deadline = InvocationDeadline.of(context);
        return PowertoolsLogging.withLogging(context, () -> {
            components.stage.sweep(deadline);
            return "swept";
        });
    }
}
