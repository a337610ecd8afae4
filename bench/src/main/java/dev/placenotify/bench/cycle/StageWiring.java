package dev.placenotify.bench.cycle;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.placenotify.fetcher.FetchHandler;
import dev.placenotify.fetcher.FetcherComponents;
import dev.placenotify.fetcher.FetcherConfig;
import dev.placenotify.fetcher.ScheduleHandler;
import dev.placenotify.testsupport.LocalContext;
import dev.placenotify.local.LocalPipeline;
import dev.placenotify.testsupport.SqsEventSource;
import dev.placenotify.notifier.NotifierComponents;
import dev.placenotify.notifier.NotifierConfig;
import dev.placenotify.notifier.NotifierHandler;
import dev.placenotify.planner.PlannerConfig;
import dev.placenotify.planner.PlannerHandler;
import dev.placenotify.sender.SenderConfig;
import dev.placenotify.sender.SenderHandler;
import dev.placenotify.shell.EnvConfig;
import dev.placenotify.shell.QueueSpec;
import dev.placenotify.shell.Topology;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Which event sources feed the stages of a measured pipeline, and how a schedule tick reaches them. */
interface StageWiring extends AutoCloseable {
    String tick(Instant at);

    List<SqsEventSource> sources();

    String describe();

    @Override
    void close();

    /** LocalPipeline's own stages: the deployed batch sizes and concurrency from {@link Topology}. */
    static StageWiring deployed(LocalPipeline pipeline) {
        return new StageWiring() {
            @Override
            public String tick(Instant at) {
                return pipeline.tick(at);
            }

            @Override
            public List<SqsEventSource> sources() {
                return pipeline.eventSources();
            }

            @Override
            public String describe() {
                return "pipeline (4 stages, Topology concurrency)";
            }

            @Override
            public void close() {
                // LocalPipeline stops its own stages
            }
        };
    }

    /**
     * A what-if: the same handlers wired as LocalPipeline wires them, but with other concurrency per stage
     * ({@code fetcher}, {@code planner}, {@code sender}, {@code notifier}; the others as in Topology), and a
     * Naver simulator restarted with enough workers to serve the fetchers (LocalPipeline starts its
     * simulators with 32 and offers no option to change it). Needs a pipeline started without stages.
     */
    static StageWiring withConcurrency(LocalPipeline pipeline, Map<String, Integer> concurrency) {
        int fetchConcurrency = concurrency.getOrDefault("fetcher", Topology.FETCH.maxConcurrency());
        pipeline.naver.close();
        pipeline.naver.setWorkerThreads(Math.max(32, 2 * fetchConcurrency));
        pipeline.naver.start();
        Map<String, String> env = new LinkedHashMap<>(pipeline.env());
        env.put("NAVER_BASE_URL", pipeline.naver.baseUrl());
        env.put("NAVER_SESSION_CHECK_URL", pipeline.naver.sessionCheckUrl());
        EnvConfig config = new EnvConfig(env);
        FetcherComponents fetcher = new FetcherComponents(FetcherConfig.from(config), pipeline.clock());
        NotifierComponents notifier = new NotifierComponents(NotifierConfig.from(config), pipeline.clock());
        ScheduleHandler schedule = new ScheduleHandler(fetcher);
        List<SqsEventSource> sources = new ArrayList<>();
        sources.add(source(pipeline, "fetcher", Topology.FETCH, fetchConcurrency, () -> new FetchHandler(fetcher)));
        sources.add(source(pipeline, "planner", Topology.SNAPSHOT,
                concurrency.getOrDefault("planner", Topology.SNAPSHOT.maxConcurrency()),
                () -> new PlannerHandler(PlannerConfig.from(config))));
        sources.add(source(pipeline, "sender", Topology.SMS, concurrency.getOrDefault("sender", Topology.SMS.maxConcurrency()),
                () -> new SenderHandler(SenderConfig.from(config), pipeline.clock())));
        sources.add(source(pipeline, "notifier", Topology.RESULT,
                concurrency.getOrDefault("notifier", Topology.RESULT.maxConcurrency()), () -> new NotifierHandler(notifier)));
        String described = "pipeline, what-if concurrency " + concurrency + " (Topology: fetcher " + Topology.FETCH.maxConcurrency()
                + ", planner " + Topology.SNAPSHOT.maxConcurrency() + ", sender " + Topology.SMS.maxConcurrency() + ", notifier "
                + Topology.RESULT.maxConcurrency() + ")";
        return new StageWiring() {
            @Override
            public String tick(Instant at) {
                pipeline.clock().set(at);
                return schedule.handleRequest(Map.of("time", at.toString()), new LocalContext("schedule", Duration.ofSeconds(30)));
            }

            @Override
            public List<SqsEventSource> sources() {
                return List.copyOf(sources);
            }

            @Override
            public String describe() {
                return described;
            }

            @Override
            public void close() {
                sources.forEach(SqsEventSource::close);
            }
        };
    }

    private static SqsEventSource source(LocalPipeline pipeline, String name, QueueSpec q, int concurrency,
                                         Supplier<RequestHandler<SQSEvent, SQSBatchResponse>> handler) {
        String url = pipeline.resources().queueUrl(q);
        String arn = pipeline.aws().sqs().getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        return new SqsEventSource(name, pipeline.aws().sqs(), url, arn, handler, q.batchSize(), concurrency,
                Duration.ofSeconds(q.consumerTimeoutSeconds()));
    }
}
