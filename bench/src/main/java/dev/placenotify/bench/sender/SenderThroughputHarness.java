package dev.placenotify.bench.sender;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import dev.placenotify.model.MessageCodec;
import dev.placenotify.model.OutcomeStatus;
import dev.placenotify.model.RunEvent;
import dev.placenotify.model.SendOutcome;
import dev.placenotify.model.SmsJob;
import dev.placenotify.model.Topology;
import dev.placenotify.sender.SenderConfig;
import dev.placenotify.sender.SenderHandler;
import dev.placenotify.shell.EnvConfig;
import dev.placenotify.testsupport.LocalContext;
import dev.placenotify.testsupport.LocalWorld;
import dev.placenotify.testsupport.SimulatedClock;
import dev.placenotify.testsupport.SqsEvents;
import dev.placenotify.testsupport.aws.LocalAws;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * How fast the sender drains the SMS queue: N jobs from 8 stores on ElasticMQ, the real handler in
 * {@code instances} concurrent "Lambda instances" that each take batches of up to {@code batch}
 * messages (what the event source mapping hands over), dynalite for the idempotency table, and the
 * SENS simulator at a given latency. Prints one line per scenario; asserts nothing (a harness, not a test).
 *
 * <p>How to run it (from {@code bench/target/benchmarks.jar}) and what it measured: docs/sender.md, "Performance".
 * Arguments: jobs (1000), SENS latencies in ms (0,342), rounds per scenario (2; the first is cold).
 */
public final class SenderThroughputHarness {
    private static final List<String> STORES = List.of("1051707", "951291", "1120125", "1285716", "1462519", "1473826",
            "1466783", "867589");

    record Scenario(String name, int batch, int instances) {}

    record Result(Duration drain, int invocations, int sensRequests, int sent, int maxPerKey, int outcomesSent) {}

    /** What to measure: the command line's three optional arguments. */
    record Settings(int jobs, List<Integer> latenciesMillis, int rounds) {
        static Settings parse(String... args) {
            int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
            List<Integer> latencies = args.length > 1
                    ? Arrays.stream(args[1].split(",")).map(Integer::parseInt).toList() : List.of(0, 342);
            int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
            return new Settings(jobs, latencies, rounds);
        }
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.parse(args);
        List<Scenario> scenarios = List.of(
                // What Lambda does with the deployed mapping: batch size 100, at most 5 concurrent instances.
                new Scenario("lambda-like: batches of <=100, " + Topology.SMS.maxConcurrency() + " instances",
                        Topology.SMS.batchSize(), Topology.SMS.maxConcurrency()),
                // What the local runner's event source does (ElasticMQ hands out at most 10 per receive).
                new Scenario("local event source: batches of <=10, " + Topology.SMS.maxConcurrency() + " instances",
                        10, Topology.SMS.maxConcurrency()));
        System.out.printf(Locale.ROOT, "sender throughput: %d jobs, 8 stores, %d cores, java %s%n", settings.jobs(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        try (LocalAws aws = LocalAws.start()) {
            int stage = 0;
            for (int latency : settings.latenciesMillis()) {
                for (Scenario s : scenarios) {
                    for (int round = 1; round <= settings.rounds(); round++) {
                        Result r = run(aws, "bench" + (++stage), settings.jobs(), Duration.ofMillis(latency), s);
                        System.out.printf(Locale.ROOT,
                                "SENS %3d ms | %-44s | round %d | drained in %6.2f s | %7.1f sends/s | %3d invocations | %3d SENS requests | sent %d, max per key %d, SENT outcomes %d%n",
                                latency, s.name(), round, r.drain().toNanos() / 1e9, r.sent() / (r.drain().toNanos() / 1e9),
                                r.invocations(), r.sensRequests(), r.sent(), r.maxPerKey(), r.outcomesSent());
                    }
                }
            }
        }
        System.exit(0);
    }

    static Result run(LocalAws aws, String environmentName, int jobs, Duration latency, Scenario scenario) throws Exception {
        SimulatedClock clock = new SimulatedClock(ConfirmationJobs.CYCLE);
        try (LocalWorld p = LocalWorld.start(aws, LocalWorld.Options.defaults(environmentName).withoutStages()
                .withVisibility(Duration.ofSeconds(60)), clock)) {
            p.sens.setLatency(latency);
            SqsClient sqs = aws.sqs();
            String queue = p.resources().queueUrl(Topology.SMS);
            List<SmsJob> all = IntStream.range(0, jobs)
                    .mapToObj(i -> ConfirmationJobs.confirmation(STORES.get(i % STORES.size()), "bench" + i, ConfirmationJobs.phone(i)))
                    .toList();
            enqueue(sqs, queue, all);

            List<SenderHandler> instances = new ArrayList<>();
            for (int i = 0; i < scenario.instances(); i++) {
                Map<String, String> env = new HashMap<>(p.env());
                instances.add(new SenderHandler(SenderConfig.from(new EnvConfig(env)), clock));
            }
            AtomicInteger invocations = new AtomicInteger();
            ExecutorService pollers = Executors.newFixedThreadPool(scenario.instances());
            long started = System.nanoTime();
            List<Future<?>> running = new ArrayList<>();
            for (SenderHandler handler : instances) {
                running.add(pollers.submit(() -> poll(sqs, queue, handler, scenario.batch(), invocations, p)));
            }
            for (Future<?> f : running) {
                f.get();
            }
            Duration drain = Duration.ofNanos(System.nanoTime() - started);
            pollers.shutdown();

            int maxPerKey = (int) all.stream().mapToLong(j -> p.sens.countByKey(j.idempotencyKey())).max().orElse(0);
            return new Result(drain, invocations.get(), p.sens.httpRequests().size(), p.sens.messages().size(), maxPerKey,
                    sentOutcomes(sqs, p.resources().queueUrl(Topology.RESULT)));
        }
    }

    /** One instance's event-source loop: fill a batch, invoke, delete what succeeded; stop when all are handled. */
    private static void poll(SqsClient sqs, String queue, SenderHandler handler, int batchSize, AtomicInteger invocations,
                             LocalWorld p) {
        while (p.depth(queue, true) > 0) {
            List<Message> batch = new ArrayList<>();
            while (batch.size() < batchSize) {
                int n = Math.min(10, batchSize - batch.size());
                List<Message> got = sqs.receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(n).waitTimeSeconds(0)
                        .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
                if (got.isEmpty()) {
                    break;
                }
                batch.addAll(got);
            }
            if (batch.isEmpty()) {
                sleep(20);
                continue;
            }
            SQSBatchResponse response = handler.handleRequest(SqsEvents.of(batch, "arn:aws:sqs:ap-northeast-2:000000000000:sms"),
                    new LocalContext("sender"));
            invocations.incrementAndGet();
            SqsEvents.deleteSucceeded(sqs, queue, batch, SqsEvents.failedIds(response));
        }
    }

    private static void enqueue(SqsClient sqs, String queue, List<SmsJob> jobs) throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(8);
        List<Future<?>> sent = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i += 10) {
            List<SmsJob> slice = jobs.subList(i, Math.min(jobs.size(), i + 10));
            sent.add(senders.submit(() -> {
                List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
                for (SmsJob j : slice) {
                    entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(entries.size()))
                            .messageBody(MessageCodec.encode(j)).build());
                }
                sqs.sendMessageBatch(b -> b.queueUrl(queue).entries(entries));
            }));
        }
        for (Future<?> f : sent) {
            f.get();
        }
        senders.shutdown();
    }

    private static int sentOutcomes(SqsClient sqs, String resultQueue) {
        int sent = 0;
        while (true) {
            List<Message> got = sqs.receiveMessage(b -> b.queueUrl(resultQueue).maxNumberOfMessages(10).waitTimeSeconds(0)).messages();
            if (got.isEmpty()) {
                return sent;
            }
            for (Message m : got) {
                if (MessageCodec.decode(m.body(), RunEvent.class) instanceof SendOutcome o && o.status() == OutcomeStatus.SENT) {
                    sent++;
                }
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
