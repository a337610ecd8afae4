package dev.placenotify.testsupport;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/**
 * What Lambda's SQS event source mapping does, done locally: poll the queue, hand batches to the
 * handler, delete what succeeded, leave reported failures to reappear after the visibility timeout
 * (and reach the DLQ through the queue's redrive policy after max receives).
 */
public final class SqsEventSource implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SqsEventSource.class);

    private final String name;
    private final SqsClient sqs;
    private final String queueUrl;
    private final String queueArn;
    private final RequestHandler<SQSEvent, SQSBatchResponse> handler;
    private final int batchSize;
    private final Duration timeout;
    private final ExecutorService workers;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong busyNanos = new AtomicLong();
    private final AtomicLong handled = new AtomicLong();
    private final AtomicLong invocations = new AtomicLong();

    public SqsEventSource(String name, SqsClient sqs, String queueUrl, String queueArn,
                          Supplier<RequestHandler<SQSEvent, SQSBatchResponse>> handlerFactory, int batchSize,
                          int concurrency, Duration timeout) {
        this.name = name;
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.queueArn = queueArn;
        this.handler = handlerFactory.get();
        this.batchSize = Math.min(10, Math.max(1, batchSize));
        this.timeout = timeout;
        this.workers = Executors.newFixedThreadPool(concurrency, Thread.ofPlatform().name(name + "-", 0).daemon().factory());
        for (int i = 0; i < concurrency; i++) {
            workers.submit(this::pollLoop);
        }
    }

    private void pollLoop() {
        while (running.get()) {
            try {
                ReceiveMessageResponse response = sqs.receiveMessage(b -> b.queueUrl(queueUrl)
                        .maxNumberOfMessages(batchSize).waitTimeSeconds(1)
                        .messageSystemAttributeNames(MessageSystemAttributeName.ALL).messageAttributeNames("All"));
                if (response.messages().isEmpty()) {
                    continue;
                }
                invoke(response.messages());
            } catch (RuntimeException e) {
                if (running.get()) {
                    LOG.warn("{} poller error: {}", name, e.getMessage());
                    sleep(200);
                }
            }
        }
    }

    private void invoke(List<Message> messages) {
        inFlight.incrementAndGet();
        long started = System.nanoTime();
        try {
            SQSEvent event = SqsEvents.of(messages, queueArn);
            Set<String> failed;
            try {
                failed = SqsEvents.failedIds(handler.handleRequest(event, new LocalContext(name, timeout)));
            } catch (RuntimeException e) {
                // Lambda treats a thrown error as the whole batch failing.
                LOG.error("{} handler threw; the whole batch returns to the queue: {}", name, e.toString());
                failed = new HashSet<>();
                for (Message m : messages) {
                    failed.add(m.messageId());
                }
            }
            SqsEvents.deleteSucceeded(sqs, queueUrl, messages, failed);
            handled.addAndGet(messages.size());
            invocations.incrementAndGet();
        } finally {
            busyNanos.addAndGet(System.nanoTime() - started);
            inFlight.decrementAndGet();
        }
    }

    public boolean idle() {
        return inFlight.get() == 0;
    }

    public String name() {
        return name;
    }

    public Duration busyTime() {
        return Duration.ofNanos(busyNanos.get());
    }

    public long handledMessages() {
        return handled.get();
    }

    public long invocationCount() {
        return invocations.get();
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
        running.set(false);
        workers.shutdown();
        try {
            if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
