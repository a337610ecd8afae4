package dev.placenotify.local.fetcher;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.placenotify.fetcher.FetchHandler;
import dev.placenotify.fetcher.FetcherComponents;
import dev.placenotify.fetcher.FetcherConfig;
import dev.placenotify.fetcher.ScheduleHandler;
import dev.placenotify.local.LocalPipeline;
import dev.placenotify.testsupport.SimulatedClock;
import dev.placenotify.testsupport.StoreCatalogFiles;
import dev.placenotify.testsupport.SqsEventSource;
import dev.placenotify.testsupport.aws.LocalAws;
import dev.placenotify.model.DateWindow;
import dev.placenotify.model.FetchMode;
import dev.placenotify.model.FetchRequest;
import dev.placenotify.model.MessageCodec;
import dev.placenotify.model.RunEvent;
import dev.placenotify.model.RunStarted;
import dev.placenotify.planner.PlannerConfig;
import dev.placenotify.planner.PlannerHandler;
import dev.placenotify.renewal.RenewalComponents;
import dev.placenotify.renewal.RenewalConfig;
import dev.placenotify.renewal.RenewalHandler;
import dev.placenotify.session.SessionStore;
import dev.placenotify.shell.EnvConfig;
import dev.placenotify.shell.QueuePublisher;
import dev.placenotify.model.QueueSpec;
import dev.placenotify.model.Topology;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The fetcher (and, when asked, the planner) on the local stack, with the result queue left for the test
 * to read: so a test asserts on the exact {@code StoreFetched}, {@code StoreFetchFailed}, {@code Alert} and
 * {@code ChunkPlanned} messages the stages publish, not on the notifier's rendering of them. Queues,
 * tables, simulators and handlers are the real ones {@link LocalPipeline} builds from the same environment.
 */
final class FetcherRig implements AutoCloseable {
    final LocalPipeline pipeline;
    final FetcherComponents components;
    private final ScheduleHandler schedule;
    private final List<SqsEventSource> sources = new ArrayList<>();
    private final List<RunEvent> results = new ArrayList<>();

    private FetcherRig(LocalPipeline pipeline) {
        this.pipeline = pipeline;
        this.components = new FetcherComponents(FetcherConfig.from(new EnvConfig(pipeline.env())), pipeline.clock());
        this.schedule = new ScheduleHandler(components);
    }

    /** Starts the stack and the fetch queue's event source at the deployed batch size and concurrency. */
    static FetcherRig start(LocalAws aws, LocalPipeline.Options options, Instant clockStart) {
        FetcherRig rig = new FetcherRig(LocalPipeline.start(aws, options.withoutStages(), new SimulatedClock(clockStart)));
        rig.source("fetcher", Topology.FETCH, () -> new FetchHandler(rig.components));
        return rig;
    }

    /** Starts the planner's event source too (state in the bookings table, ChunkPlanned on the result queue). */
    FetcherRig withPlanner() {
        PlannerConfig config = PlannerConfig.from(new EnvConfig(pipeline.env()));
        source("planner", Topology.SNAPSHOT, () -> new PlannerHandler(config));
        return this;
    }

    /**
     * Starts the session-renewal function's event source (needs {@code Options.withSessionRenewal()}): real
     * headless Chromium against the login simulator, at the deployed batch size and concurrency.
     */
    FetcherRig withRenewal() {
        RenewalComponents renewal = new RenewalComponents(RenewalConfig.from(new EnvConfig(pipeline.env())), pipeline.clock());
        source("session-renewal", Topology.RENEWAL, () -> new RenewalHandler(renewal));
        return this;
    }

    private void source(String name, QueueSpec q, Supplier<RequestHandler<SQSEvent, SQSBatchResponse>> handler) {
        String url = pipeline.resources().queueUrl(q);
        String arn = pipeline.aws().sqs().getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        sources.add(new SqsEventSource(name, pipeline.aws().sqs(), url, arn, handler, q.batchSize(), q.maxConcurrency(),
                Duration.ofSeconds(q.consumerTimeoutSeconds())));
    }

    /** One schedule tick, as EventBridge Scheduler invokes the schedule entry. Returns the run id. */
    String tick(Instant at) {
        pipeline.clock().set(at);
        return schedule.handleRequest(Map.of("time", at.toString()), null);
    }

    /** A backfill as an operator enqueues it: the run announced on the result queue, one fetch per store. */
    void backfill(String runId, Instant cycleAt, List<String> storeIds, DateWindow window, FetchMode mode) {
        var sqs = pipeline.aws().sqs();
        new QueuePublisher(sqs, pipeline.resources().queueUrl(Topology.RESULT)).publish(RunStarted.of(runId, cycleAt, mode, storeIds));
        new QueuePublisher(sqs, pipeline.resources().queueUrl(Topology.FETCH))
                .publishAll(storeIds.stream().map(id -> FetchRequest.of(runId, id, window, mode, cycleAt)).toList());
    }

    SessionStore sessions() {
        return pipeline.sessions();
    }

    /** Everything published on the result queue so far (read and deleted from the queue, kept here). */
    synchronized List<RunEvent> results() {
        String url = pipeline.resources().queueUrl(Topology.RESULT);
        while (true) {
            List<Message> batch = pipeline.aws().sqs().receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)
                    .waitTimeSeconds(0)).messages();
            if (batch.isEmpty()) {
                return List.copyOf(results);
            }
            for (Message m : batch) {
                results.add(MessageCodec.decode(m.body(), RunEvent.class));
                pipeline.aws().sqs().deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle()));
            }
        }
    }

    <T extends RunEvent> List<T> results(Class<T> type) {
        return results().stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Waits until the result queue has shown an event matching {@code condition}; returns all of that type. */
    <T extends RunEvent> List<T> await(Class<T> type, Predicate<List<T>> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<T> seen = results(type);
        while (!condition.test(seen)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + type.getSimpleName()
                        + " events; result queue so far: " + results());
            }
            sleep(50);
            seen = results(type);
        }
        return seen;
    }

    /** Waits until no fetch or snapshot is queued or in flight and no handler runs. */
    void awaitIdle(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int quiet = 0;
        while (quiet < 3) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("stages still busy after " + timeout);
            }
            boolean idle = sources.stream().allMatch(SqsEventSource::idle)
                    && depth(Topology.FETCH) == 0 && depth(Topology.SNAPSHOT) == 0;
            quiet = idle ? quiet + 1 : 0;
            sleep(100);
        }
    }

    int depth(QueueSpec q) {
        return pipeline.depth(pipeline.resources().queueUrl(q), true);
    }

    int dlqDepth(QueueSpec q) {
        return pipeline.depth(pipeline.resources().dlqUrl(q), true);
    }

    /** The booking states the planner recorded for a store. */
    List<Map<String, AttributeValue>> bookingStates(String storeId) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        pipeline.aws().dynamo().queryPaginator(b -> b.tableName(pipeline.table(Topology.BOOKINGS)).consistentRead(true)
                        .keyConditionExpression("storeId = :s").expressionAttributeValues(Map.of(":s", AttributeValue.fromS(storeId))))
                .items().forEach(items::add);
        return items;
    }

    Map<String, AttributeValue> sessionItem(String accountId) {
        return pipeline.aws().dynamo().getItem(b -> b.tableName(pipeline.table(Topology.SESSIONS)).consistentRead(true)
                .key(Map.of("accountId", AttributeValue.fromS(accountId)))).item();
    }

    @Override
    public void close() {
        sources.forEach(SqsEventSource::close);
        pipeline.close();
    }

    /** A world whose stores all log in with the default account (whose cookies the world imported). */
    static LocalPipeline.Options options(String prefix, String... storeIds) {
        Map<String, String> accounts = new LinkedHashMap<>();
        for (String s : storeIds) {
            accounts.put(s, "default");
        }
        return LocalPipeline.Options.defaults(dev.placenotify.testsupport.LocalAwsExtension.uniqueEnvironment("f" + prefix))
                .withStores(storesFile(accounts));
    }

    /** A store catalog file: store id → Naver account. */
    static Path storesFile(Map<String, String> accountByStore) {
        return StoreCatalogFiles.write(accountByStore);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
