package dev.placenotify.bench.cycle;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.placenotify.fetcher.ScheduleHandler;
import dev.placenotify.local.LocalPipeline;
import dev.placenotify.local.Stages;
import dev.placenotify.testsupport.LocalContext;
import dev.placenotify.testsupport.SimulatedClock;
import dev.placenotify.testsupport.SqsEvents;
import dev.placenotify.testsupport.aws.LocalAws;
import dev.placenotify.model.MessageCodec;
import dev.placenotify.model.SmsJob;
import dev.placenotify.model.QueueSpec;
import dev.placenotify.model.Topology;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The legacy's shape built from this project's own stage code: one process, one thread, stores one
 * after another, a store's Naver requests one after another, one SMS per SENS request. The same four handlers the pipeline runs are invoked here
 * directly, each with a single-message SQS event taken from the real (emulated) queues, and no event
 * source runs: a store is fetched, its snapshot planned, its SMS sent one at a time (a confirmation
 * before the reminder that waits for it), the notifier fed, then the next store.
 */
final class SequentialReference {
    /** A store's Naver requests one after another too, as the legacy made them (the fetcher runs up to 4 at once). */
    static final Map<String, String> LEGACY_SHAPE = Map.of("NAVER_PARALLEL_QUERIES", "1");

    private final LocalPipeline pipeline;
    private final SqsClient sqs;
    private final ScheduleHandler schedule;
    private final Map<String, RequestHandler<SQSEvent, SQSBatchResponse>> handlers = new LinkedHashMap<>();
    private final Map<String, long[]> busy = new HashMap<>();
    private final Map<String, String> arns = new HashMap<>();
    private int redeliveries;

    private SequentialReference(LocalPipeline pipeline) {
        this.pipeline = pipeline;
        this.sqs = pipeline.aws().sqs();
        Stages stages = Stages.wire(pipeline.env(), pipeline.clock(), false);
        this.schedule = stages.schedule();
        for (String stage : List.of("fetcher", "planner", "sender", "notifier")) {
            handlers.put(stage, stages.consumer(stage).handler().get());
        }
    }

    static CycleFigures run(LocalAws aws, BenchWorkload workload, double extrapolation, ApiLatencies latencies,
                            Map<String, String> env, Duration timeout, PrintStream log) {
        Instant seedAt = workload.cycle().minus(Duration.ofDays(1));
        LocalPipeline.Options options = LocalPipeline.Options.defaults(PipelineCycle.environmentName("s", workload))
                .withEnv(PipelineCycle.benchEnv(env)).withEnv(LEGACY_SHAPE).withoutStages();
        if (workload.storesFile().isPresent()) {
            options = options.withStores(workload.storesFile().get());
        }
        try (LocalPipeline pipeline = LocalPipeline.start(aws, options, new SimulatedClock(seedAt))) {
            SequentialReference reference = new SequentialReference(pipeline);
            long seedStarted = System.nanoTime();
            String seedRun = PipelineCycle.seed(pipeline, workload, seedAt);
            reference.drain();
            LocalPipeline.RunStatus seeded = pipeline.runStatus(seedRun);
            if (!seeded.summarized() || !seeded.complete()) {
                throw new IllegalStateException("sequential SEED backfill of " + workload.name() + " did not complete: " + seeded);
            }
            log.printf("   (SEED backfill of %d known bookings, sequentially: %.1f s, not measured)%n",
                    workload.knownBookings(), (System.nanoTime() - seedStarted) / 1e9);

            workload.atCycle().forEach(pipeline.naver::setBookings);
            latencies.apply(pipeline, workload);
            reference.busy.clear();
            reference.redeliveries = 0;
            ProcessCpu cpu = new ProcessCpu();
            pipeline.clock().set(workload.cycle());
            String runId = reference.timed("schedule", () -> schedule(reference));
            reference.drain();
            PipelineCycle.awaitSummary(pipeline, runId, workload.cycle(), timeout);
            ProcessCpu.Use cpuUse = cpu.since();
            if (reference.redeliveries > 0) {
                log.printf("   (%d messages were handed back by a handler and processed again)%n", reference.redeliveries);
            }
            return CycleFigures.observe("sequential reference (1 thread; 1 store, 1 Naver request, 1 SMS at a time)", workload, pipeline,
                    latencies, runId, workload.cycle(), reference.stageBusy(), null, cpuUse, extrapolation);
        }
    }

    private static String schedule(SequentialReference r) {
        return r.schedule.handleRequest(Map.of("time", r.pipeline.clock().instant().toString()),
                new LocalContext("schedule", Duration.ofSeconds(30)));
    }

    /** Works off every queue: one fetch, then that store's snapshots, SMS and reports, until all are empty. */
    private void drain() {
        while (true) {
            List<Message> fetch = receive(Topology.FETCH, 1);
            if (!fetch.isEmpty()) {
                invoke("fetcher", Topology.FETCH, fetch.get(0));
            }
            drainQueue("planner", Topology.SNAPSHOT);
            drainSms();
            drainQueue("notifier", Topology.RESULT);
            if (fetch.isEmpty() && allEmpty()) {
                return;
            }
        }
    }

    private void drainQueue(String stage, QueueSpec queue) {
        for (List<Message> batch = receive(queue, 10); !batch.isEmpty(); batch = receive(queue, 10)) {
            for (Message m : batch) {
                invoke(stage, queue, m);
            }
        }
    }

    /** A store's SMS one at a time; a job that waits for another ({@code afterKey}) after the ones without. */
    private void drainSms() {
        for (List<Message> batch = receiveAll(Topology.SMS); !batch.isEmpty(); batch = receiveAll(Topology.SMS)) {
            batch.sort(Comparator.comparing((Message m) -> MessageCodec.decode(m.body(), SmsJob.class).afterKey() != null));
            for (Message m : batch) {
                invoke("sender", Topology.SMS, m);
            }
        }
    }

    private List<Message> receiveAll(QueueSpec queue) {
        List<Message> all = new ArrayList<>();
        for (List<Message> batch = receive(queue, 10); !batch.isEmpty(); batch = receive(queue, 10)) {
            all.addAll(batch);
        }
        return all;
    }

    private List<Message> receive(QueueSpec queue, int max) {
        String url = pipeline.resources().queueUrl(queue);
        return sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(max).waitTimeSeconds(0)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
    }

    private boolean allEmpty() {
        for (QueueSpec q : Topology.QUEUES) {
            if (pipeline.depth(pipeline.resources().queueUrl(q), true) > 0) {
                return false;
            }
        }
        return true;
    }

    private void invoke(String stage, QueueSpec queue, Message message) {
        String url = pipeline.resources().queueUrl(queue);
        SQSEvent event = SqsEvents.of(List.of(message), arns.computeIfAbsent(url, u -> sqs.getQueueAttributes(b -> b.queueUrl(u)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN)));
        SQSBatchResponse response = timed(stage, () -> handlers.get(stage).handleRequest(event,
                new LocalContext(stage, Duration.ofSeconds(queue.consumerTimeoutSeconds()))));
        if (SqsEvents.failedIds(response).isEmpty()) {
            sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(message.receiptHandle()));
        } else {
            // Handed back (e.g. a reminder whose confirmation is not settled yet): visible again at once.
            redeliveries++;
            sqs.changeMessageVisibility(b -> b.queueUrl(url).receiptHandle(message.receiptHandle()).visibilityTimeout(0));
        }
    }

    private <T> T timed(String stage, java.util.function.Supplier<T> call) {
        long started = System.nanoTime();
        try {
            return call.get();
        } finally {
            long[] b = busy.computeIfAbsent(stage, k -> new long[2]);
            b[0] += System.nanoTime() - started;
            b[1]++;
        }
    }

    private List<CycleFigures.StageBusy> stageBusy() {
        List<CycleFigures.StageBusy> out = new ArrayList<>();
        for (String stage : List.of("schedule", "fetcher", "planner", "sender", "notifier")) {
            long[] b = busy.getOrDefault(stage, new long[2]);
            out.add(new CycleFigures.StageBusy(stage, Duration.ofNanos(b[0]), b[1], b[1]));
        }
        return out;
    }
}
