package dev.placenotify.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.placenotify.fetcher.FetchHandler;
import dev.placenotify.fetcher.FetcherComponents;
import dev.placenotify.fetcher.FetcherConfig;
import dev.placenotify.fetcher.ScheduleHandler;
import dev.placenotify.notifier.NotifierComponents;
import dev.placenotify.notifier.NotifierConfig;
import dev.placenotify.notifier.NotifierHandler;
import dev.placenotify.notifier.SweepHandler;
import dev.placenotify.planner.PlannerConfig;
import dev.placenotify.planner.PlannerHandler;
import dev.placenotify.renewal.RenewalComponents;
import dev.placenotify.renewal.RenewalConfig;
import dev.placenotify.renewal.RenewalHandler;
import dev.placenotify.sender.SenderConfig;
import dev.placenotify.sender.SenderHandler;
import dev.placenotify.sender.delivery.DeliveryCheckConfig;
import dev.placenotify.sender.delivery.DeliveryCheckHandler;
import dev.placenotify.notifier.DeliveryDigestHandler;
import dev.placenotify.shell.EnvConfig;
import dev.placenotify.model.QueueSpec;
import dev.placenotify.model.Topology;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The pipeline's handlers built the way Lambda builds them, from one environment: each stage's config read
 * once (its cold start), the schedule and fetch entries sharing the fetcher's components, the result and sweep
 * entries sharing the notifier's. The one place that knows which handler consumes which queue; the local
 * pipeline, the benchmarks' what-if wiring and the sequential reference all start from it.
 */
public final class Stages {
    /** A queue and the handler Lambda's event source mapping would feed from it; each call makes a new instance. */
    public record Consumer(String name, QueueSpec queue, Supplier<RequestHandler<SQSEvent, SQSBatchResponse>> handler) {}

    private final ScheduleHandler schedule;
    private final SweepHandler sweep;
    private final DeliveryDigestHandler digest;
    private final List<Consumer> consumers;

    private Stages(ScheduleHandler schedule, SweepHandler sweep, DeliveryDigestHandler digest, List<Consumer> consumers) {
        this.schedule = schedule;
        this.sweep = sweep;
        this.digest = digest;
        this.consumers = List.copyOf(consumers);
    }

    /**
     * The fetcher, planner, sender and notifier (in the pipeline's order), plus the session-renewal function when
     * {@code withRenewal} and the delivery-check function when the environment names a delivery queue; every one
     * judges "now" by {@code clock}.
     */
    public static Stages wire(Map<String, String> env, Clock clock, boolean withRenewal) {
        EnvConfig config = new EnvConfig(env);
        FetcherComponents fetcher = new FetcherComponents(FetcherConfig.from(config), clock);
        NotifierComponents notifier = new NotifierComponents(NotifierConfig.from(config), clock);
        List<Consumer> consumers = new ArrayList<>();
        consumers.add(new Consumer("fetcher", Topology.FETCH, () -> new FetchHandler(fetcher)));
        consumers.add(new Consumer("planner", Topology.SNAPSHOT, () -> new PlannerHandler(PlannerConfig.from(config))));
        consumers.add(new Consumer("sender", Topology.SMS, () -> new SenderHandler(SenderConfig.from(config), clock)));
        consumers.add(new Consumer("notifier", Topology.RESULT, () -> new NotifierHandler(notifier)));
        DeliveryCheckConfig delivery = DeliveryCheckConfig.from(config);
        if (delivery.enabled()) {
            consumers.add(new Consumer("delivery-check", Topology.DELIVERY, () -> new DeliveryCheckHandler(delivery, clock)));
        }
        if (withRenewal) {
            RenewalComponents renewal = new RenewalComponents(RenewalConfig.from(config), clock);
            consumers.add(new Consumer("session-renewal", Topology.RENEWAL, () -> new RenewalHandler(renewal)));
        }
        return new Stages(new ScheduleHandler(fetcher), new SweepHandler(notifier), new DeliveryDigestHandler(notifier), consumers);
    }

    /** The entry EventBridge Scheduler invokes every 20 minutes: announces the run, one fetch per store. */
    public ScheduleHandler schedule() {
        return schedule;
    }

    /** The notifier's 5-minute sweep entry. */
    public SweepHandler sweep() {
        return sweep;
    }

    /** The notifier's daily delivery digest entry (09:00 KST schedule). */
    public DeliveryDigestHandler digest() {
        return digest;
    }

    public List<Consumer> consumers() {
        return consumers;
    }

    /** The consumer of stage {@code name} ({@code fetcher}, {@code planner}, {@code sender}, {@code notifier}, …). */
    public Consumer consumer(String name) {
        return consumers.stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no stage " + name + " in " + consumers));
    }
}
