package dev.placenotify.fetcher;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.placenotify.model.FetchMode;
import dev.placenotify.model.FetchRequest;
import dev.placenotify.model.RunStarted;
import dev.placenotify.model.StoreSettings;
import dev.placenotify.shell.EnvConfig;
import dev.placenotify.shell.SqsBatchRunner;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * The 20-minute schedule's entry: announces the run to the notifier, then fans out one fetch per
 * enabled store. Takes the scheduled time from the event ({@code time}, as EventBridge rules send it and
 * as the Scheduler target's input template passes {@code <aws.scheduler.scheduled-time>}).
 */
public final class ScheduleHandler implements RequestHandler<Map<String, Object>, String> {
    private static final Logger LOG = LoggerFactory.getLogger(ScheduleHandler.class);

    private final FetcherComponents components;

    public ScheduleHandler() {
        this(new FetcherComponents(FetcherConfig.from(EnvConfig.fromSystem()), java.time.Clock.systemUTC()));
    }

    public ScheduleHandler(FetcherComponents components) {
        this.components = components;
    }

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> fanOut(event));
    }

    private String fanOut(Map<String, Object> event) {
        Instant cycleAt = cycleTime(event);
        String runId = FanOut.runIdFor(cycleAt);
        List<StoreSettings> stores = components.stores.current().enabled();
        List<FetchRequest> requests = FanOut.requests(runId, cycleAt, stores, components.config.horizonDays());
        RunStarted started = RunStarted.of(runId, cycleAt, FetchMode.NORMAL, requests.stream().map(FetchRequest::storeId).toList());
        try (var ignored = SqsBatchRunner.correlate(started)) {
            // The run is announced first so the notifier knows every store it must wait for.
            components.results.publish(started);
            components.fetchQueue.publishAll(requests);
            LOG.info("run {} at {}: {} fetches enqueued", runId, cycleAt, requests.size());
        }
        return runId;
    }

    private Instant cycleTime(Map<String, Object> event) {
        Object time = event == null ? null : event.get("time");
        if (time instanceof String s && !s.isBlank()) {
            try {
                return Instant.parse(s).truncatedTo(ChronoUnit.MINUTES);
            } catch (DateTimeParseException e) {
                LOG.warn("schedule event time '{}' unreadable; using the clock", s);
            }
        }
        return components.clock.instant().truncatedTo(ChronoUnit.MINUTES);
    }
}
