package dev.placenotify.sender;

import dev.placenotify.model.items.IdempotencyRecord;

import dev.placenotify.testsupport.LocalContext;
import dev.placenotify.testsupport.SqsEvents;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.placenotify.testsupport.LocalAwsExtension;
import dev.placenotify.testsupport.LocalWorld;
import dev.placenotify.testsupport.SimulatedClock;
import dev.placenotify.testsupport.aws.AwsFaultProxy;
import dev.placenotify.testsupport.aws.LocalAws;
import dev.placenotify.model.Alert;
import dev.placenotify.model.MessageCodec;
import dev.placenotify.model.RunEvent;
import dev.placenotify.model.SendOutcome;
import dev.placenotify.model.SmsJob;
import dev.placenotify.shell.EnvConfig;
import dev.placenotify.model.Topology;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * A pipeline without stages, and the sender's real handler driven by hand the way Lambda's SQS event
 * source drives it: receive from the SMS queue, invoke with a batch, delete what did not fail. Tests
 * thereby choose when a redelivery happens and which instance gets which message.
 */
final class SenderRig implements AutoCloseable {
    static final Duration VISIBILITY = Duration.ofSeconds(2);

    final LocalWorld pipeline;
    final SimulatedClock clock;
    private final SqsClient sqs;
    private final String smsQueue;
    private final String smsDlq;
    private final String resultQueue;
    private final IdempotencyStore idempotency;
    private final List<RunEvent> drained = new ArrayList<>();
    private final List<AutoCloseable> instances = new ArrayList<>();

    private SenderRig(LocalWorld pipeline, SimulatedClock clock) {
        this.pipeline = pipeline;
        this.clock = clock;
        this.sqs = pipeline.aws().sqs();
        this.smsQueue = pipeline.resources().queueUrl(Topology.SMS);
        this.smsDlq = pipeline.resources().dlqUrl(Topology.SMS);
        this.resultQueue = pipeline.resources().queueUrl(Topology.RESULT);
        this.idempotency = new IdempotencyStore(pipeline.aws().dynamo(), pipeline.table(Topology.IDEMPOTENCY), Duration.ofDays(30));
    }

    static SenderRig start(LocalAws aws, Instant now, Map<String, String> env) {
        return start(aws, now, env, VISIBILITY);
    }

    /** With the SMS queue's visibility timeout (the wait before SQS redelivers a handed-back message). */
    static SenderRig start(LocalAws aws, Instant now, Map<String, String> env, Duration visibility) {
        SimulatedClock clock = new SimulatedClock(now);
        LocalWorld p = LocalWorld.start(aws, LocalWorld.Options.defaults(LocalAwsExtension.uniqueEnvironment("snd"))
                .withoutStages().withVisibility(visibility).withEnv(env), clock);
        // Starting takes seconds on a loaded machine: the test's "now" is when the rig is ready.
        clock.set(now);
        return new SenderRig(p, clock);
    }

    static SenderRig start(LocalAws aws) {
        return start(aws, Jobs.CYCLE, Map.of());
    }

    /** A new sender instance (a Lambda execution environment) with extra environment. */
    SenderHandler handler(Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>(pipeline.env());
        env.putAll(overrides);
        return new SenderHandler(SenderConfig.from(new EnvConfig(env)), clock);
    }

    SenderHandler handler() {
        return handler(Map.of());
    }

    /**
     * A sender instance (a Lambda execution environment) whose DynamoDB and SQS traffic passes its own
     * {@link AwsFaultProxy}s: a test can slow its table down or kill it at any moment.
     */
    Instance instance(Map<String, String> overrides) {
        AwsFaultProxy dynamo = AwsFaultProxy.to(pipeline.aws().dynamoEndpoint());
        AwsFaultProxy sqsProxy = AwsFaultProxy.to(pipeline.aws().sqsEndpoint());
        synchronized (instances) {
            instances.add(dynamo);
            instances.add(sqsProxy);
        }
        Map<String, String> env = new HashMap<>(overrides);
        env.put("DYNAMODB_ENDPOINT_URL", dynamo.endpoint().toString());
        env.put("SQS_ENDPOINT_URL", sqsProxy.endpoint().toString());
        return new Instance(handler(env), dynamo, sqsProxy);
    }

    record Instance(SenderHandler handler, AwsFaultProxy dynamo, AwsFaultProxy sqs) {
        /** The process is gone: nothing it still does reaches DynamoDB or SQS. */
        void kill() {
            dynamo.kill();
            sqs.kill();
        }
    }

    /** How an invocation ended: returned in time (its failures reported), or killed at the Lambda timeout. */
    record Invocation(boolean killed, Set<String> failedIds, Duration took) {}

    /**
     * Invokes like Lambda: an invocation still running at {@code lambdaTimeout} is killed (its instance
     * cut off from DynamoDB and SQS, its thread interrupted) and nothing of its batch is deleted, so SQS
     * delivers the batch again after the visibility timeout. An invocation that returns has its
     * succeeded messages deleted, as the event source does.
     */
    Invocation invoke(Instance instance, List<Message> messages, Duration lambdaTimeout) {
        SQSEvent event = SqsEvents.of(messages, "arn:aws:sqs:ap-northeast-2:000000000000:sms");
        long started = System.nanoTime();
        var running = new java.util.concurrent.CompletableFuture<SQSBatchResponse>();
        Thread invocation = Thread.ofVirtual().name("sender-invocation").start(() -> {
            try {
                running.complete(instance.handler().handleRequest(event, new LocalContext("sender", lambdaTimeout)));
            } catch (Throwable t) {
                running.completeExceptionally(t);
            }
        });
        SQSBatchResponse response;
        try {
            // A little grace for scheduling on a loaded machine; the handler plans from the context's time.
            response = running.get(lambdaTimeout.toMillis() + 250, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            instance.kill();
            invocation.interrupt();
            return new Invocation(true, Set.of(), Duration.ofNanos(System.nanoTime() - started));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("the handler threw instead of reporting failures", e.getCause());
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        if (instance.dynamo().killed()) {
            // Killed while it ran (a test's crash point): Lambda never saw an answer.
            return new Invocation(true, Set.of(), took);
        }
        Set<String> failed = SqsEvents.failedIds(response);
        SqsEvents.deleteSucceeded(sqs, smsQueue, messages, failed);
        return new Invocation(false, failed, took);
    }

    /** Moves the shared clock forward, e.g. past SQS's visibility timeout or a job's notAfter. */
    void advanceClock(Duration by) {
        clock.set(clock.instant().plus(by));
    }

    void enqueue(SmsJob... jobs) {
        enqueue(List.of(jobs));
    }

    void enqueue(List<SmsJob> jobs) {
        for (int i = 0; i < jobs.size(); i += 10) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (SmsJob job : jobs.subList(i, Math.min(jobs.size(), i + 10))) {
                entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(entries.size()))
                        .messageBody(MessageCodec.encode(job)).build());
            }
            sqs.sendMessageBatch(b -> b.queueUrl(smsQueue).entries(entries));
        }
    }

    void enqueueToDlq(SmsJob job) {
        sqs.sendMessage(b -> b.queueUrl(smsDlq).messageBody(MessageCodec.encode(job)));
    }

    /** What an operator's replay does: every DLQ message back to the SMS queue. Returns how many moved. */
    int replayDlq() {
        int moved = 0;
        while (true) {
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(smsDlq).maxNumberOfMessages(10).waitTimeSeconds(0)).messages();
            if (batch.isEmpty()) {
                return moved;
            }
            for (Message m : batch) {
                sqs.sendMessage(b -> b.queueUrl(smsQueue).messageBody(m.body()));
                sqs.deleteMessage(b -> b.queueUrl(smsDlq).receiptHandle(m.receiptHandle()));
                moved++;
            }
        }
    }

    /** Receives what is visible on the SMS queue now, up to {@code max} messages, waiting at most {@code wait} for the first. */
    List<Message> receive(int max, Duration wait) {
        List<Message> out = new ArrayList<>();
        long deadline = System.nanoTime() + wait.toNanos();
        while (out.size() < max) {
            int n = Math.min(10, max - out.size());
            int waitSeconds = out.isEmpty() ? (int) Math.max(0, Math.min(20, (deadline - System.nanoTime()) / 1_000_000_000L)) : 0;
            List<Message> got = sqs.receiveMessage(b -> b.queueUrl(smsQueue).maxNumberOfMessages(n).waitTimeSeconds(waitSeconds)
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
            if (got.isEmpty()) {
                if (!out.isEmpty() || System.nanoTime() >= deadline) {
                    break;
                }
                continue;
            }
            out.addAll(got);
        }
        return out;
    }

    /** Receives until exactly {@code n} messages arrived or {@code wait} passed. */
    List<Message> receiveExactly(int n, Duration wait) {
        List<Message> out = new ArrayList<>();
        long deadline = System.nanoTime() + wait.toNanos();
        while (out.size() < n && System.nanoTime() < deadline) {
            out.addAll(receive(n - out.size(), Duration.ofNanos(Math.max(0, deadline - System.nanoTime()))));
        }
        return out;
    }

    /** What SQS does when a message's visibility timeout ends, done now. */
    void makeVisible(Message m) {
        sqs.changeMessageVisibility(b -> b.queueUrl(smsQueue).receiptHandle(m.receiptHandle()).visibilityTimeout(0));
    }

    List<Message> receiveAll() {
        return receive(100, Duration.ofSeconds(1));
    }

    /** One invocation with these messages, as the event source mapping makes it. */
    Delivery deliver(SenderHandler handler, List<Message> messages, Duration lambdaTimeout) {
        SQSEvent event = SqsEvents.of(messages, "arn:aws:sqs:ap-northeast-2:000000000000:sms");
        long started = System.nanoTime();
        SQSBatchResponse response = handler.handleRequest(event, new LocalContext("sender", lambdaTimeout));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        Set<String> failed = SqsEvents.failedIds(response);
        SqsEvents.deleteSucceeded(sqs, smsQueue, messages, failed);
        return new Delivery(messages.size(), failed, took);
    }

    Delivery deliver(SenderHandler handler, List<Message> messages) {
        return deliver(handler, messages, Duration.ofSeconds(30));
    }

    /** Receives what is visible and delivers it to {@code handler} in one invocation. */
    Delivery deliverVisible(SenderHandler handler) {
        List<Message> messages = receiveAll();
        if (messages.isEmpty()) {
            throw new AssertionError("no message visible on the SMS queue");
        }
        return deliver(handler, messages);
    }

    /** What one invocation returned to the event source. */
    record Delivery(int size, Set<String> failedIds, Duration took) {
        boolean allAcknowledged() {
            return failedIds.isEmpty();
        }
    }

    /** Every event the sender has published to the result queue so far (cumulative). */
    synchronized List<RunEvent> results() {
        while (true) {
            List<Message> got = sqs.receiveMessage(b -> b.queueUrl(resultQueue).maxNumberOfMessages(10).waitTimeSeconds(0)).messages();
            if (got.isEmpty()) {
                return List.copyOf(drained);
            }
            for (Message m : got) {
                drained.add(MessageCodec.decode(m.body(), RunEvent.class));
                sqs.deleteMessage(b -> b.queueUrl(resultQueue).receiptHandle(m.receiptHandle()));
            }
        }
    }

    List<SendOutcome> outcomes(String key) {
        return results().stream().filter(e -> e instanceof SendOutcome o && o.job().idempotencyKey().equals(key))
                .map(SendOutcome.class::cast).toList();
    }

    List<Alert> alerts() {
        return results().stream().filter(Alert.class::isInstance).map(Alert.class::cast).toList();
    }

    Optional<IdempotencyRecord> record(String key) {
        return idempotency.find(key);
    }

    IdempotencyStore idempotency() {
        return idempotency;
    }

    int smsQueueDepth() {
        return pipeline.depth(smsQueue, true);
    }

    int dlqDepth() {
        return pipeline.depth(smsDlq, true);
    }

    @Override
    public void close() {
        synchronized (instances) {
            for (AutoCloseable c : instances) {
                try {
                    c.close();
                } catch (Exception e) {
                    // closing test proxies
                }
            }
        }
        pipeline.close();
    }
}
