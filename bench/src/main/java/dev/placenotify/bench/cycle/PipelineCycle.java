package dev.placenotify.bench.cycle;

import dev.placenotify.local.LocalPipeline;
import dev.placenotify.testsupport.SimulatedClock;
import dev.placenotify.testsupport.SqsEventSource;
import dev.placenotify.testsupport.aws.LocalAws;
import dev.placenotify.model.DateWindow;
import dev.placenotify.model.FetchMode;
import dev.placenotify.model.FetchRequest;
import dev.placenotify.model.Messages;
import dev.placenotify.model.RunStarted;
import dev.placenotify.shell.QueuePublisher;
import dev.placenotify.model.Topology;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The concurrent pipeline on one workload: the four stages' real handlers behind local SQS event sources
 * at the deployed batch sizes and concurrency ({@link Topology}), ElasticMQ, dynalite and the simulators.
 * The known bookings are recorded first by a SEED backfill through the same pipeline (no latency, not
 * measured); then one scheduled tick is measured until its summary reaches Telegram.
 */
final class PipelineCycle {
    private PipelineCycle() {}

    /** Environment every benchmark pipeline gets on top of LocalPipeline's, then the user's {@code --env} overrides. */
    static Map<String, String> benchEnv(Map<String, String> overrides) {
        // A 1,000-store cycle can outlast the 10-minute default deadline under load; the benchmark wants the
        // real end of the cycle, not a summary closed early as incomplete.
        // The workloads are deliberately far larger than a real run (1,000 stores x 50): the sender's budget guard would
        // hold most of them, so its run caps are lifted here (the per-store cap of 300 still applies).
        Map<String, String> env = new HashMap<>(Map.of("RUN_DEADLINE_SECONDS", "7200", "BUDGET_RUN_TEXTS", "1000000",
                "BUDGET_RUN_COST_KRW", "1000000000"));
        env.putAll(overrides);
        return env;
    }

    /** An empty {@code concurrency} runs LocalPipeline's stages as deployed; otherwise the what-if wiring. */
    static CycleFigures run(LocalAws aws, BenchWorkload workload, ApiLatencies latencies, Map<String, Integer> concurrency,
                            Map<String, String> env, Duration timeout, PrintStream log) {
        Instant seedAt = workload.cycle().minus(Duration.ofDays(1));
        LocalPipeline.Options options = LocalPipeline.Options.defaults(environmentName("p", workload)).withEnv(benchEnv(env));
        if (workload.storesFile().isPresent()) {
            options = options.withStores(workload.storesFile().get());
        }
        if (!concurrency.isEmpty()) {
            options = options.withoutStages();
        }
        try (LocalPipeline pipeline = LocalPipeline.start(aws, options, new SimulatedClock(seedAt));
             StageWiring stages = concurrency.isEmpty() ? StageWiring.deployed(pipeline)
                     : StageWiring.withConcurrency(pipeline, concurrency)) {
            long seedStarted = System.nanoTime();
            String seedRun = seed(pipeline, workload, seedAt);
            LocalPipeline.RunStatus seeded = pipeline.awaitRun(seedRun, timeout);
            if (!seeded.summarized() || !seeded.complete()) {
                throw new IllegalStateException("SEED backfill of " + workload.name() + " did not complete: " + seeded);
            }
            log.printf("   (SEED backfill of %d known bookings through the pipeline: %.1f s, not measured)%n",
                    workload.knownBookings(), (System.nanoTime() - seedStarted) / 1e9);

            workload.atCycle().forEach(pipeline.naver::setBookings);
            latencies.apply(pipeline, workload);
            Map<String, long[]> before = busy(stages);
            ProcessMemory memory = new ProcessMemory();
            System.gc();
            memory.reset();
            ProcessCpu cpu = new ProcessCpu();
            String runId = stages.tick(workload.cycle());
            Instant tick = workload.cycle();
            awaitSummary(pipeline, runId, tick, timeout);
            ProcessMemory.Figures mem = memory.measure();
            ProcessCpu.Use cpuUse = cpu.since();
            pipeline.awaitQuiet(Duration.ofSeconds(30));
            return CycleFigures.observe(stages.describe(), workload, pipeline, latencies, runId, tick,
                    busySince(stages, before), mem, cpuUse, 1.0);
        }
    }

    /** Enqueues a SEED backfill the way the operator CLI does: the run announced, then one fetch per store. */
    static String seed(LocalPipeline pipeline, BenchWorkload workload, Instant seedAt) {
        workload.before().forEach(pipeline.naver::setBookings);
        LocalDate from = LocalDate.ofInstant(seedAt, Messages.KST);
        String runId = "seed-" + from;
        var sqs = pipeline.aws().sqs();
        new QueuePublisher(sqs, pipeline.resources().queueUrl(Topology.RESULT))
                .publish(RunStarted.of(runId, seedAt, FetchMode.SEED, workload.storeIds()));
        DateWindow window = new DateWindow(from, from.plusDays(15));
        new QueuePublisher(sqs, pipeline.resources().queueUrl(Topology.FETCH)).publishAll(workload.storeIds().stream()
                .map(id -> FetchRequest.of(runId, id, window, FetchMode.SEED, seedAt)).toList());
        return runId;
    }

    static void awaitSummary(LocalPipeline pipeline, String runId, Instant tick, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (CycleFigures.summaryAfter(pipeline, tick).isPresent()) {
                return;
            }
            sleep(pipeline.runStatus(runId).summarized() ? 20 : 200);
        }
    }

    static String environmentName(String prefix, BenchWorkload workload) {
        return "bench-" + prefix + "-" + workload.name().replaceAll("[^A-Za-z0-9]", "") + "-"
                + Long.toString(System.nanoTime() % 1_000_000, 36);
    }

    private static Map<String, long[]> busy(StageWiring stages) {
        Map<String, long[]> m = new HashMap<>();
        for (SqsEventSource s : stages.sources()) {
            m.put(s.name(), new long[] {s.busyTime().toNanos(), s.handledMessages(), s.invocationCount()});
        }
        return m;
    }

    private static List<CycleFigures.StageBusy> busySince(StageWiring stages, Map<String, long[]> before) {
        List<CycleFigures.StageBusy> out = new ArrayList<>();
        for (SqsEventSource s : stages.sources()) {
            long[] b = before.getOrDefault(s.name(), new long[3]);
            out.add(new CycleFigures.StageBusy(s.name(), Duration.ofNanos(s.busyTime().toNanos() - b[0]),
                    s.handledMessages() - b[1], s.invocationCount() - b[2]));
        }
        return out;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
