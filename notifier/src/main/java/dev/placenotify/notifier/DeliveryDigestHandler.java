package dev.placenotify.notifier;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.placenotify.shell.EnvConfig;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * Scheduled daily (09:00 KST in the stack): posts yesterday's delivery digest once. An event with
 * {@code "day": "2025-10-22"} posts that day's instead (an operator's re-run of a missed day).
 */
public final class DeliveryDigestHandler implements RequestHandler<Map<String, Object>, String> {
    private final NotifierComponents components;

    public DeliveryDigestHandler() {
        this(new NotifierComponents(NotifierConfig.from(EnvConfig.fromSystem()), Clock.systemUTC()));
    }

    public DeliveryDigestHandler(NotifierComponents components) {
        this.components = components;
    }

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        components.metrics.coldStart(context);
        InvocationDeadline deadline = InvocationDeadline.of(context);
        return PowertoolsLogging.withLogging(context, () -> {
            Object asked = event == null ? null : event.get("day");
            LocalDate day = asked == null ? components.digest.yesterday() : LocalDate.parse(asked.toString());
            return components.digest.post(day, deadline).map(lines -> "posted " + day).orElse("already posted " + day);
        });
    }
}
