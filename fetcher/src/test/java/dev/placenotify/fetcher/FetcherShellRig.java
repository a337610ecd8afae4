package dev.placenotify.fetcher;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.placenotify.model.BookingSnapshot;
import dev.placenotify.model.FetchRequest;
import dev.placenotify.model.MessageCodec;
import dev.placenotify.model.RenewalRequest;
import dev.placenotify.model.RunEvent;
import dev.placenotify.model.Topology;
import dev.placenotify.session.SessionStore;
import dev.placenotify.shell.EnvConfig;
import dev.placenotify.testsupport.LocalAwsExtension;
import dev.placenotify.testsupport.LocalContext;
import dev.placenotify.testsupport.LocalWorld;
import dev.placenotify.testsupport.StoreCatalogFiles;
import dev.placenotify.testsupport.SimulatedClock;
import dev.placenotify.testsupport.SqsEvents;
import dev.placenotify.testsupport.aws.LocalAws;
import dev.placenotify.testsupport.sim.NaverBookingSimulator;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The fetcher's two Lambda entries on a world without stages (ElasticMQ, dynalite, the Naver simulator), driven
 * by hand the way their triggers drive them: the schedule entry with a scheduler event, the fetch entry with SQS
 * events built from messages received from the fetch queue, deleting what it did not report as failed. A test so
 * decides when SQS redelivers (the visibility timeout ending) and reads every queue the fetcher writes to.
 */
final class FetcherShellRig implements AutoCloseable {
    final LocalWorld world;
    final NaverBookingSimulator naver;
    final SimulatedClock clock;
    private final SqsClient sqs;
    private final ScheduleHandler schedule;
    private final FetchHandler fetch;
    private final String fetchQueue;
    private final String fetchQueueArn;
    private final List<RunEvent> results = new ArrayList<>();
    private final List<String> snapshotBodies = new ArrayList<>();
    private final List<RenewalRequest> renewals = new ArrayList<>();
    private final List<Message> deadLetters = new ArrayList<>();

    private FetcherShellRig(LocalWorld world) {
        this.world = world;
        this.naver = world.naver;
        this.clock = world.clock();
        this.sqs = world.aws().sqs();
        // One execution environment: built once, as at a cold start, from the environment the stack would set.
        FetcherComponents components = new FetcherComponents(FetcherConfig.from(new EnvConfig(world.env())), clock);
        this.schedule = new ScheduleHandler(components);
        this.fetch = new FetchHandler(components);
        this.fetchQueue = world.resources().queueUrl(Topology.FETCH);
        this.fetchQueueArn = sqs.getQueueAttributes(b -> b.queueUrl(fetchQueue).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    /** A world whose catalog is {@code stores} (its file), with extra fetcher environment; the clock at {@link TestBookings#CYCLE}. */
    static FetcherShellRig start(LocalAws aws, String prefix, Path stores, Map<String, String> env) {
        return start(aws, prefix, stores, options -> options.withEnv(env));
    }

    /**
     * With automated session renewal configured ({@code RENEWAL_QUEUE_URL} set, as the stack sets it). No renewal
     * function runs: the requests wait on the renewal queue for the test to read.
     */
    static FetcherShellRig startWithRenewal(LocalAws aws, String prefix, Path stores) {
        return start(aws, prefix, stores, LocalWorld.Options::withSessionRenewal);
    }

    private static FetcherShellRig start(LocalAws aws, String prefix, Path stores, UnaryOperator<LocalWorld.Options> tune) {
        SimulatedClock clock = new SimulatedClock(TestBookings.CYCLE);
        LocalWorld world = LocalWorld.start(aws, tune.apply(LocalWorld.Options.defaults(LocalAwsExtension.uniqueEnvironment(prefix))
                .withoutStages().withStores(stores)), clock);
        // Starting takes seconds on a loaded machine: the test's "now" is when the rig is ready.
        clock.set(TestBookings.CYCLE);
        return new FetcherShellRig(world);
    }

    static FetcherShellRig start(LocalAws aws, String prefix, Path stores) {
        return start(aws, prefix, stores, Map.of());
    }

    /** One schedule invocation with this event, as EventBridge Scheduler sends it. Returns the run id. */
    String tick(Map<String, Object> event) {
        return schedule.handleRequest(event, new LocalContext("schedule", Duration.ofSeconds(30)));
    }

    String tick(Instant scheduledTime) {
        return tick(Map.of("time", scheduledTime.toString()));
    }

    /** Puts fetch requests on the fetch queue, as the schedule entry or an operator's backfill does. */
    void enqueue(FetchRequest... requests) {
        for (FetchRequest r : requests) {
            enqueueBody(MessageCodec.encode(r));
        }
    }

    /** Puts a body on the fetch queue as it is, e.g. the JSON an operator sends with {@code aws sqs send-message}. */
    void enqueueBody(String body) {
        sqs.sendMessage(b -> b.queueUrl(fetchQueue).messageBody(body));
    }

    /** Receives what is visible on the fetch queue, at most {@code max} messages, waiting up to 2 s for the first. */
    List<Message> receiveFetches(int max) {
        return receive(fetchQueue, max);
    }

    /** One invocation of the fetch entry with these messages, as the event source makes it. */
    Delivery deliver(List<Message> messages) {
        SQSEvent event = SqsEvents.of(messages, fetchQueueArn);
        SQSBatchResponse response = fetch.handleRequest(event,
                new LocalContext("fetcher", Duration.ofSeconds(Topology.FETCH.consumerTimeoutSeconds())));
        Set<String> failed = SqsEvents.failedIds(response);
        SqsEvents.deleteSucceeded(sqs, fetchQueue, messages, failed);
        return new Delivery(messages, failed);
    }

    /** Receives the fetch queue's next visible message and delivers it alone (the queue's batch size is 1). */
    Delivery deliverNext() {
        List<Message> next = receiveFetches(1);
        if (next.isEmpty()) {
            throw new AssertionError("no fetch message visible");
        }
        return deliver(next);
    }

    /** Delivers every visible fetch message alone, as the event source does at the queue's batch size of 1. */
    List<Delivery> deliverEachVisible() {
        List<Delivery> out = new ArrayList<>();
        for (Message m : receiveFetches(10)) {
            out.add(deliver(List.of(m)));
        }
        return out;
    }

    /**
     * What SQS and the event source do with the fetch queue until it is empty: deliver every visible message, hand
     * back the failed ones when their visibility timeout ends, deliver again, up to the queue's max receives; then
     * the redrive policy moves what still failed to the fetch DLQ (on the receive that would exceed them).
     */
    void deliverUntilSettled() {
        for (int round = 1; round <= Topology.FETCH.maxReceives(); round++) {
            List<Delivery> deliveries = deliverEachVisible();
            deliveries.forEach(this::endVisibilityTimeout);
            if (deliveries.stream().allMatch(Delivery::allAcknowledged)) {
                return;
            }
        }
        List<Message> beyond = receiveFetches(10);
        if (!beyond.isEmpty()) {
            throw new AssertionError(beyond.size() + " fetch messages delivered beyond the max receives");
        }
    }

    /** What SQS does when the visibility timeout of the messages a delivery handed back ends, done now. */
    void endVisibilityTimeout(Delivery delivery) {
        for (Message m : delivery.messages()) {
            if (delivery.failedIds().contains(m.messageId())) {
                sqs.changeMessageVisibility(b -> b.queueUrl(fetchQueue).receiptHandle(m.receiptHandle()).visibilityTimeout(0));
            }
        }
    }

    /** What one invocation returned to the event source. */
    record Delivery(List<Message> messages, Set<String> failedIds) {
        boolean allAcknowledged() {
            return failedIds.isEmpty();
        }

        int receiveCount() {
            return Integer.parseInt(messages.get(0).attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT));
        }
    }

    /** Everything published on the result queue so far (read and deleted from the queue, kept here). */
    synchronized List<RunEvent> results() {
        for (Message m : drain(world.resources().queueUrl(Topology.RESULT))) {
            results.add(MessageCodec.decode(m.body(), RunEvent.class));
        }
        return List.copyOf(results);
    }

    <T extends RunEvent> List<T> results(Class<T> type) {
        return results().stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Every snapshot chunk published so far, as SQS holds it (read and deleted from the queue, kept here). */
    synchronized List<String> snapshotBodies() {
        for (Message m : drain(world.resources().queueUrl(Topology.SNAPSHOT))) {
            snapshotBodies.add(m.body());
        }
        return List.copyOf(snapshotBodies);
    }

    List<BookingSnapshot> snapshots() {
        return snapshotBodies().stream().map(b -> MessageCodec.decode(b, BookingSnapshot.class)).toList();
    }

    List<BookingSnapshot> snapshots(String storeId) {
        return snapshots().stream().filter(s -> s.storeId().equals(storeId)).toList();
    }

    /** Every renewal request sent so far (read and deleted from the renewal queue: no renewal function runs here). */
    synchronized List<RenewalRequest> renewalRequests() {
        for (Message m : drain(world.resources().queueUrl(Topology.RENEWAL))) {
            renewals.add(MessageCodec.decode(m.body(), RenewalRequest.class));
        }
        return List.copyOf(renewals);
    }

    /** Every message the fetch DLQ received so far, with the attributes that say why (read and deleted, kept here). */
    synchronized List<Message> fetchDeadLetters() {
        deadLetters.addAll(drain(world.resources().dlqUrl(Topology.FETCH)));
        return List.copyOf(deadLetters);
    }

    /** Messages on the fetch queue, visible and in flight. */
    int fetchQueueDepth() {
        return world.depth(fetchQueue, true);
    }

    SessionStore sessions() {
        return world.sessions();
    }

    Map<String, AttributeValue> sessionItem(String accountId) {
        return world.aws().dynamo().getItem(b -> b.tableName(world.table(Topology.SESSIONS)).consistentRead(true)
                .key(Map.of("accountId", AttributeValue.fromS(accountId)))).item();
    }

    private List<Message> receive(String queueUrl, int max) {
        List<Message> out = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (out.size() < max) {
            int n = Math.min(10, max - out.size());
            // Long polling for the first message only: what is visible after it arrives in the same receive.
            int wait = out.isEmpty() && System.nanoTime() < deadline ? 1 : 0;
            List<Message> got = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(n).waitTimeSeconds(wait)
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
            if (got.isEmpty() && (!out.isEmpty() || System.nanoTime() >= deadline)) {
                break;
            }
            out.addAll(got);
        }
        return out;
    }

    private List<Message> drain(String queueUrl) {
        List<Message> out = new ArrayList<>();
        while (true) {
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(0)
                    .messageAttributeNames("All")).messages();
            if (batch.isEmpty()) {
                return out;
            }
            for (Message m : batch) {
                out.add(m);
                sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            }
        }
    }

    @Override
    public void close() {
        world.close();
    }

    static Path storesFile(Map<String, String> accountByStore) {
        return StoreCatalogFiles.write(accountByStore);
    }

    static Path storesFile(Map<String, String> accountByStore, Set<String> disabled) {
        return StoreCatalogFiles.write(accountByStore, disabled);
    }

    /** A catalog of stores that all log in with the default account (whose cookies the world imported). */
    static Path defaultAccountStores(String... storeIds) {
        Map<String, String> accounts = new LinkedHashMap<>();
        for (String s : storeIds) {
            accounts.put(s, LocalWorld.NAVER_ACCOUNT);
        }
        return storesFile(accounts);
    }
}
