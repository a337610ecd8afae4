package dev.placenotify.planner;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import dev.placenotify.model.Booking;
import dev.placenotify.model.BookingOption;
import dev.placenotify.model.BookingSnapshot;
import dev.placenotify.model.ChunkPlanned;
import dev.placenotify.model.DateWindow;
import dev.placenotify.model.FetchMode;
import dev.placenotify.model.MessageCodec;
import dev.placenotify.model.Messages;
import dev.placenotify.model.RunEvent;
import dev.placenotify.model.SkippedItem;
import dev.placenotify.model.SmsJob;
import dev.placenotify.model.Topology;
import dev.placenotify.model.items.BookingsTableLayout;
import dev.placenotify.shell.DeadLetters;
import dev.placenotify.shell.EnvConfig;
import dev.placenotify.testsupport.LocalAwsExtension;
import dev.placenotify.testsupport.LocalContext;
import dev.placenotify.testsupport.LocalWorld;
import dev.placenotify.testsupport.SimulatedClock;
import dev.placenotify.testsupport.SqsEvents;
import dev.placenotify.testsupport.aws.AwsFaultProxy;
import dev.placenotify.testsupport.aws.LocalAws;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * The planner's real handler on a {@link LocalWorld} without stages (the bookings table in dynalite, the
 * snapshot, SMS and result queues and the snapshot DLQ in ElasticMQ), driven by hand the way Lambda's SQS
 * event source drives it: receive from the snapshot queue, invoke with the batch, delete what did not fail.
 * Tests thereby choose when a redelivery happens and which instance gets it.
 */
final class PlannerRig implements AutoCloseable {
    static final String STORE = "1051707";
    /** The queues' visibility timeout: how long a handed-back snapshot stays away before SQS delivers it again. */
    static final Duration VISIBILITY = Duration.ofSeconds(2);
    private static final String SNAPSHOT_ARN = "arn:aws:sqs:ap-northeast-2:000000000000:snapshot";

    final LocalWorld world;
    private final SqsClient sqs;
    private final String snapshotQueue;
    private final String snapshotDlq;
    private final String smsQueue;
    private final String resultQueue;
    private final List<SmsJob> jobs = new ArrayList<>();
    private final List<ChunkPlanned> reports = new ArrayList<>();
    private final List<AutoCloseable> proxies = new ArrayList<>();

    private PlannerRig(LocalWorld world) {
        this.world = world;
        this.sqs = world.aws().sqs();
        this.snapshotQueue = world.resources().queueUrl(Topology.SNAPSHOT);
        this.snapshotDlq = world.resources().dlqUrl(Topology.SNAPSHOT);
        this.smsQueue = world.resources().queueUrl(Topology.SMS);
        this.resultQueue = world.resources().queueUrl(Topology.RESULT);
    }

    /** {@code now} only matters to the simulators; the planner judges every snapshot by its own cycle time. */
    static PlannerRig start(LocalAws aws, Instant now) {
        return new PlannerRig(LocalWorld.start(aws, LocalWorld.Options.defaults(LocalAwsExtension.uniqueEnvironment("plan"))
                .withoutStages().withVisibility(VISIBILITY), new SimulatedClock(now)));
    }

    static Instant kst(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(Messages.KST).toInstant();
    }

    /** A booking of {@link #STORE} as the fetcher passes it on: two hours long, registered on 21 October. */
    static Booking booking(String id, String status, Instant start, String name, String phone, BookingOption... options) {
        return new Booking(id, STORE, "110분/1~4인촬영", status, name, phone, 2, kst("2025-10-21T10:00"),
                start == null ? null : LocalDate.ofInstant(start, Messages.KST), start,
                start == null ? null : start.plus(Duration.ofHours(2)), List.of(options), List.of(), false);
    }

    /** One chunk of {@link #STORE}'s snapshot for the scheduled run of {@code cycleAt}, read from Naver at {@code cycleAt}. */
    static BookingSnapshot chunk(Instant cycleAt, int index, int count, List<Booking> bookings, List<SkippedItem> fetchSkips) {
        LocalDate today = LocalDate.ofInstant(cycleAt, Messages.KST);
        return new BookingSnapshot(Messages.SCHEMA_VERSION, runId(cycleAt), STORE, cycleAt, cycleAt, FetchMode.NORMAL,
                new DateWindow(today, today.plusDays(14)), index, count, bookings, fetchSkips);
    }

    static BookingSnapshot snapshot(Instant cycleAt, Booking... bookings) {
        return chunk(cycleAt, 0, 1, List.of(bookings), List.of());
    }

    /** The run id the fetcher's schedule gives the cycle ({@code c20251022T1400}). */
    static String runId(Instant cycleAt) {
        return "c" + LocalDateTime.ofInstant(cycleAt, Messages.KST).toString().replace("-", "").replace(":", "").substring(0, 13);
    }

    /** A planner instance (a Lambda execution environment) built as Lambda builds it, from the world's environment. */
    PlannerHandler handler(Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>(world.env());
        env.putAll(overrides);
        return new PlannerHandler(PlannerConfig.from(new EnvConfig(env)));
    }

    PlannerHandler handler() {
        return handler(Map.of());
    }

    /** A planner instance whose DynamoDB traffic passes {@code proxy}: the test decides when its table goes away. */
    PlannerHandler handlerBehind(AwsFaultProxy proxy, Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>(overrides);
        env.put("DYNAMODB_ENDPOINT_URL", proxy.endpoint().toString());
        return handler(env);
    }

    AwsFaultProxy tableProxy() {
        AwsFaultProxy proxy = AwsFaultProxy.to(world.aws().dynamoEndpoint());
        proxies.add(proxy);
        return proxy;
    }

    /** Puts the snapshots on the snapshot queue in one {@code SendMessageBatch}. */
    void enqueue(BookingSnapshot... snapshots) {
        enqueueBodies(Arrays.stream(snapshots).map(MessageCodec::encode).toList());
    }

    /** Puts raw bodies (up to ten) on the snapshot queue in one {@code SendMessageBatch}, in this order. */
    void enqueueBodies(List<String> bodies) {
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (String body : bodies) {
            entries.add(SendMessageBatchRequestEntry.builder().id("m" + entries.size()).messageBody(body).build());
        }
        sqs.sendMessageBatch(b -> b.queueUrl(snapshotQueue).entries(entries));
    }

    /** Receives until exactly {@code n} snapshot messages arrived (at most ten) or {@code wait} passed. */
    List<Message> receive(int n, Duration wait) {
        List<Message> out = new ArrayList<>();
        long deadline = System.nanoTime() + wait.toNanos();
        while (out.size() < n && System.nanoTime() < deadline) {
            int waitSeconds = (int) Math.max(1, Math.min(20, (deadline - System.nanoTime()) / 1_000_000_000L));
            out.addAll(sqs.receiveMessage(b -> b.queueUrl(snapshotQueue).maxNumberOfMessages(n - out.size())
                    .waitTimeSeconds(waitSeconds).messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages());
        }
        return out;
    }

    /**
     * One invocation with these messages, as the event source mapping makes it: the messages not reported
     * as failed are deleted, the failed ones come back after the visibility timeout.
     */
    Delivery deliver(PlannerHandler handler, List<Message> messages) {
        Delivery delivery = invoke(handler, messages);
        SqsEvents.deleteSucceeded(sqs, snapshotQueue, messages, delivery.failedIds());
        return delivery;
    }

    /**
     * One invocation whose answer never reaches the event source (the Lambda timed out after the handler's
     * work, or the function was throttled on the way back): nothing is deleted, so SQS delivers the whole
     * batch again after the visibility timeout.
     */
    Delivery deliverUnacknowledged(PlannerHandler handler, List<Message> messages) {
        return invoke(handler, messages);
    }

    private static Delivery invoke(PlannerHandler handler, List<Message> messages) {
        SQSBatchResponse response = handler.handleRequest(SqsEvents.of(messages, SNAPSHOT_ARN), new LocalContext("planner"));
        return new Delivery(messages.stream().map(Message::messageId).toList(), SqsEvents.failedIds(response));
    }

    /** What one invocation returned to the event source: which of its messages ({@code ids}, in order) failed. */
    record Delivery(List<String> ids, Set<String> failedIds) {
        boolean allAcknowledged() {
            return failedIds.isEmpty();
        }

        boolean failed(int index) {
            return failedIds.contains(ids.get(index));
        }
    }

    /** Every job the planner has put on the SMS queue so far (cumulative, in arrival order). */
    synchronized List<SmsJob> jobs() {
        drain(smsQueue, body -> jobs.add(MessageCodec.decode(body, SmsJob.class)));
        return List.copyOf(jobs);
    }

    /** Every chunk report the planner has put on the result queue so far (cumulative). */
    synchronized List<ChunkPlanned> reports() {
        drain(resultQueue, body -> reports.add((ChunkPlanned) MessageCodec.decode(body, RunEvent.class)));
        return List.copyOf(reports);
    }

    private void drain(String queueUrl, Consumer<String> into) {
        while (true) {
            List<Message> got = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(0)).messages();
            if (got.isEmpty()) {
                return;
            }
            for (Message m : got) {
                into.accept(m.body());
                sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            }
        }
    }

    /** A message in the snapshot DLQ: its body and the reason and stage it was dead-lettered with. */
    record DeadLetter(String body, String reason, String stage) {}

    /** What is in the snapshot DLQ now (received with a short visibility, so it stays there). */
    List<DeadLetter> deadLetters() {
        List<DeadLetter> out = new ArrayList<>();
        List<Message> got;
        do {
            got = sqs.receiveMessage(b -> b.queueUrl(snapshotDlq).maxNumberOfMessages(10).waitTimeSeconds(0)
                    .visibilityTimeout(30).messageAttributeNames("All")).messages();
            for (Message m : got) {
                out.add(new DeadLetter(m.body(), m.messageAttributes().get(DeadLetters.ATTR_ERROR).stringValue(),
                        m.messageAttributes().get(DeadLetters.ATTR_STAGE).stringValue()));
            }
        } while (!got.isEmpty());
        return out;
    }

    /** Visible and in-flight messages of the snapshot queue. */
    int snapshotQueueDepth() {
        return world.depth(snapshotQueue, true);
    }

    /** The booking's item in the bookings table as stored (attribute name → value); empty when there is none. */
    Map<String, AttributeValue> bookingItem(String bookingId) {
        Map<String, AttributeValue> item = world.aws().dynamo().getItem(b -> b.tableName(world.table(Topology.BOOKINGS))
                .consistentRead(true).key(Map.of(BookingsTableLayout.STORE_ID, AttributeValue.fromS(STORE),
                        BookingsTableLayout.BOOKING_ID, AttributeValue.fromS(bookingId)))).item();
        return item == null ? Map.of() : item;
    }

    @Override
    public void close() {
        for (AutoCloseable proxy : proxies) {
            try {
                proxy.close();
            } catch (Exception e) {
                // a test proxy that fails to close holds nothing the next test needs
            }
        }
        world.close();
    }
}
