package dev.placenotify.local;

import dev.placenotify.notifier.DeliveryDigestHandler;
import dev.placenotify.fetcher.ScheduleHandler;
import dev.placenotify.model.StoreCatalogSchema;
import dev.placenotify.notifier.SweepHandler;
import dev.placenotify.planner.rules.RuleSetParser;
import dev.placenotify.model.QueueSpec;
import dev.placenotify.shell.config.AppConfigNames;
import dev.placenotify.shell.config.AppConfigSettings;
import dev.placenotify.testsupport.LocalContext;
import dev.placenotify.testsupport.LocalWorld;
import dev.placenotify.testsupport.SimulatedClock;
import dev.placenotify.testsupport.SqsEventSource;
import dev.placenotify.testsupport.aws.LocalAws;
import dev.placenotify.testsupport.sim.AppConfigSimulator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * One complete copy of the pipeline on this machine: a {@link LocalWorld} (queues and tables in the emulators,
 * the external APIs as simulators) with the stages' real Lambda handlers fed by local SQS event sources.
 * Handlers are configured through the same environment variables the CDK stack sets.
 */
public final class LocalPipeline extends LocalWorld {
    private final LiveConfigIds appConfigIds;
    private final List<SqsEventSource> sources = new ArrayList<>();
    private ScheduleHandler scheduleHandler;
    private SweepHandler sweepHandler;
    private DeliveryDigestHandler digestHandler;

    private LocalPipeline(LocalAws aws, Options options, SimulatedClock clock) {
        super(aws, options, clock);
        this.appConfigIds = appConfig == null ? null : LiveConfigIds.create(appConfig, options.environmentName());
        if (options.startStages()) {
            startStages();
        }
    }

    public static LocalPipeline start(LocalAws aws, Options options, SimulatedClock clock) {
        return new LocalPipeline(aws, options, clock);
    }

    /** Builds the handlers the way Lambda would (one config read, {@link Stages#wire}) and starts their event sources. */
    public void startStages() {
        Stages stages = Stages.wire(env(), clock(), sessionRenewal());
        this.scheduleHandler = stages.schedule();
        this.sweepHandler = stages.sweep();
        this.digestHandler = stages.digest();
        for (Stages.Consumer c : stages.consumers()) {
            sources.add(eventSource(c, c.queue().maxConcurrency()));
        }
    }

    /** Lambda's SQS event source mapping for {@code consumer}, locally: the deployed batch size, this concurrency. */
    public SqsEventSource eventSource(Stages.Consumer consumer, int concurrency) {
        QueueSpec q = consumer.queue();
        String url = resources().queueUrl(q);
        String arn = aws().sqs().getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        return new SqsEventSource(consumer.name(), aws().sqs(), url, arn, consumer.handler(), q.batchSize(), concurrency,
                Duration.ofSeconds(q.consumerTimeoutSeconds()));
    }

    /** One schedule tick at {@code at}: sets the clock and invokes the schedule entry. Returns the run id. */
    public String tick(Instant at) {
        clock().set(at);
        return scheduleHandler.handleRequest(Map.of("time", at.toString()), new LocalContext("schedule", Duration.ofSeconds(30)));
    }

    /** The daily delivery digest of {@code day} (KST), as the 09:00 schedule posts yesterday's; once per day. */
    public String deliveryDigest(java.time.LocalDate day) {
        return digestHandler.handleRequest(Map.of("day", day.toString()), new LocalContext("digest", Duration.ofSeconds(30)));
    }

    public void sweep() {
        sweepHandler.handleRequest(Map.of(), new LocalContext("sweep", Duration.ofSeconds(30)));
    }

    /** Waits until the run's summary has been claimed and the whole pipeline has gone quiet. */
    public RunStatus awaitRun(String runId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        RunStatus status = runStatus(runId);
        while (!status.summarized() && System.nanoTime() < deadline) {
            sleep(50);
            status = runStatus(runId);
        }
        awaitQuiet(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        return runStatus(runId);
    }

    /** Waits until every stage's queue is empty and no handler is running. */
    public void awaitQuiet(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int quietChecks = 0;
        while (System.nanoTime() < deadline && quietChecks < 3) {
            quietChecks = quiet() ? quietChecks + 1 : 0;
            sleep(100);
        }
    }

    private boolean quiet() {
        for (SqsEventSource s : sources) {
            if (!s.idle()) {
                return false;
            }
        }
        return queuesEmpty();
    }

    /** The ids of this stage's AppConfig resources in {@link #appConfig} (with {@link Options#withAppConfig}). */
    public LiveConfigIds appConfigIds() {
        if (appConfigIds == null) {
            throw new IllegalStateException("this pipeline was started without Options.withAppConfig()");
        }
        return appConfigIds;
    }

    /** A stage's AppConfig resources as the CDK stack creates them, in the simulator. */
    public record LiveConfigIds(String application, String environment, String storesProfile, String rulesProfile,
                                String strategy) {
        static LiveConfigIds create(AppConfigSimulator sim, String environmentName) {
            String app = sim.createApplication(AppConfigNames.application(environmentName));
            return new LiveConfigIds(app, sim.createEnvironment(app, AppConfigNames.environment(environmentName)),
                    sim.createProfile(app, AppConfigSettings.STORES_PROFILE, List.of(StoreCatalogSchema.text())),
                    sim.createProfile(app, AppConfigSettings.RULES_PROFILE, List.of(RuleSetParser.schemaText())),
                    sim.createStrategy(AppConfigNames.deploymentStrategy(environmentName), 0, 0));
        }
    }

    public List<SqsEventSource> eventSources() {
        return List.copyOf(sources);
    }

    public void stopStages() {
        sources.forEach(SqsEventSource::close);
        sources.clear();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stopStages();
        super.close();
    }
}
