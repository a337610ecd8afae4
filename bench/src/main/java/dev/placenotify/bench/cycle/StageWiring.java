package dev.placenotify.bench.cycle;

import dev.placenotify.fetcher.ScheduleHandler;
import dev.placenotify.testsupport.LocalContext;
import dev.placenotify.local.LocalPipeline;
import dev.placenotify.local.Stages;
import dev.placenotify.testsupport.SqsEventSource;
import dev.placenotify.model.Topology;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
     * A what-if: the same handlers wired as LocalPipeline wires them ({@link Stages#wire}), but with other concurrency per stage
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
        Stages stages = Stages.wire(env, pipeline.clock(), false);
        ScheduleHandler schedule = stages.schedule();
        List<SqsEventSource> sources = new ArrayList<>();
        for (Stages.Consumer c : stages.consumers()) {
            sources.add(pipeline.eventSource(c, concurrency.getOrDefault(c.name(), c.queue().maxConcurrency())));
        }
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
}
