package dev.placenotify.local.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.placenotify.testsupport.LocalAwsExtension;
import dev.placenotify.local.LocalPipeline;
import dev.placenotify.testsupport.SimulatedClock;
import dev.placenotify.testsupport.aws.LocalAws;
import dev.placenotify.model.Booking;
import dev.placenotify.model.BookingSnapshot;
import dev.placenotify.model.DateWindow;
import dev.placenotify.model.FetchMode;
import dev.placenotify.model.FetchRequest;
import dev.placenotify.model.MessageCodec;
import dev.placenotify.model.RunStarted;
import dev.placenotify.model.Messages;
import dev.placenotify.model.SmsJob;
import dev.placenotify.model.StoreCatalog;
import dev.placenotify.planner.BookingStateStore;
import dev.placenotify.planner.PlannerStage;
import dev.placenotify.planner.core.BookingState;
import dev.placenotify.planner.core.Planner;
import dev.placenotify.planner.rules.RuleSetParser;
import dev.placenotify.shell.QueuePublisher;
import dev.placenotify.model.Topology;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The planner shell's DynamoDB behaviour on dynalite: two planners on the same bookings at once, and a
 * planner that crashed between writing a booking's state and enqueueing its jobs.
 */
@ExtendWith(LocalAwsExtension.class)
class PlannerConcurrencyTest {
    private static final String STORE = "1051707";
    private static final Instant CYCLE = kst("2025-10-22T14:00");
    private static final StoreCatalog STORES = StoreCatalog.load(Optional.empty());

    private static Instant kst(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(Messages.KST).toInstant();
    }

    /** Twenty confirmed bookings: even ids start within the reminder lead (two keys each), odd ids tomorrow (one key). */
    private static List<Booking> bookings() {
        List<Booking> list = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Instant start = i % 2 == 0 ? CYCLE.plus(Duration.ofMinutes(30 + i)) : CYCLE.plus(Duration.ofHours(20 + i));
            list.add(booking(Integer.toString(6000 + i), start, String.format("010-4000-%04d", i)));
        }
        return list;
    }

    private static Booking booking(String id, Instant start, String phone) {
        return new Booking(id, STORE, "키즈룸 2시간", "RC03", "고객" + id, phone, 2, CYCLE.minus(Duration.ofDays(1)),
                LocalDate.ofInstant(start, Messages.KST), start, start.plus(Duration.ofHours(2)));
    }

    private static Set<String> expectedKeys(List<Booking> bookings) {
        Set<String> keys = new TreeSet<>();
        for (Booking b : bookings) {
            keys.add(STORE + ":" + b.bookingId() + ":CONFIRMATION");
            if (Duration.between(CYCLE, b.startAt()).compareTo(Duration.ofHours(2)) <= 0) {
                keys.add(STORE + ":" + b.bookingId() + ":REMINDER:" + b.startAt().getEpochSecond());
            }
        }
        return keys;
    }

    private static BookingSnapshot snapshot(String runId, List<Booking> bookings) {
        LocalDate today = LocalDate.ofInstant(CYCLE, Messages.KST);
        return new BookingSnapshot(Messages.SCHEMA_VERSION, runId, STORE, CYCLE, CYCLE, FetchMode.NORMAL,
                new DateWindow(today, today.plusDays(14)), 0, 1, bookings, List.of());
    }

    /**
     * Both planners read the empty state before either writes (the race at its worst). Each booking's
     * conditional write is won by one planner; the loser re-reads and decides again, finds the winner's
     * keys pending within the lease (the winner is still enqueueing them) and plans nothing for them: every
     * key reaches the SMS queue exactly once, no message is lost, the states settle with nothing pending,
     * and every customer is texted once.
     */
    @Test
    void twoPlannersRacingOnTheSameBookingsPlanEachMessageOnce(LocalAws aws) throws Exception {
        try (LocalPipeline p = LocalPipeline.start(aws, LocalPipeline.Options.defaults(LocalAwsExtension.uniqueEnvironment("race"))
                .withoutStages(), new SimulatedClock(CYCLE))) {
            List<Booking> bookings = bookings();
            CyclicBarrier bothRead = new CyclicBarrier(2);
            PlannerStage scheduled = planner(p, new ReadBarrierDynamo(aws.dynamo(), bothRead));
            PlannerStage backfill = planner(p, new ReadBarrierDynamo(aws.dynamo(), bothRead));
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<?> a = pool.submit(() -> scheduled.plan(snapshot("c20251022T1400", bookings)));
                Future<?> b = pool.submit(() -> backfill.plan(snapshot("b20251022T1400-ops", bookings)));
                a.get(60, TimeUnit.SECONDS);
                b.get(60, TimeUnit.SECONDS);
            } finally {
                pool.shutdownNow();
            }

            List<String> jobs = drainJobs(p);
            Map<String, Integer> perKey = new TreeMap<>();
            jobs.forEach(body -> perKey.merge(MessageCodec.decode(body, SmsJob.class).idempotencyKey(), 1, Integer::sum));
            Set<String> expected = expectedKeys(bookings);
            assertThat(perKey.keySet()).as("every due message planned").containsExactlyElementsOf(expected);
            assertThat(perKey).as("each key enqueued once").allSatisfy((key, n) -> assertThat(n).as(key).isEqualTo(1));
            assertStatesSettled(p, bookings);

            // Hand every job the race produced to the real sender at once.
            new QueuePublisher(aws.sqs(), p.resources().queueUrl(Topology.SMS))
                    .publishAll(jobs.stream().map(body -> MessageCodec.decode(body, SmsJob.class)).toList());
            p.startStages();
            // Not awaitQuiet: these two runs were never announced, so the notifier keeps their reports
            // waiting; and a copy that met its twin's live claim is held back until that claim expires.
            // The customers' side is settled once every key reached SENS and nothing is left to receive.
            String smsQueue = p.resources().queueUrl(Topology.SMS);
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> p.sens.messages().size() >= expected.size() && p.depth(smsQueue, false) == 0);
            Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                    .until(() -> p.sens.messages().size() == expected.size());
            assertThat(p.sens.messages()).extracting(m -> m.idempotencyKey()).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void aScheduledCycleAndABackfillOfTheSameStoreAtOnceTextEachCustomerOnce(LocalAws aws) {
        try (LocalPipeline p = LocalPipeline.start(aws, LocalPipeline.Options.defaults(LocalAwsExtension.uniqueEnvironment("race")),
                new SimulatedClock(CYCLE))) {
            List<Booking> bookings = bookings();
            p.naver.setBookings(STORE, bookings.stream().map(PlannerConcurrencyTest::naverJson).toList());
            // The backfill's fetch is queued first, then the schedule fires: two snapshots of the store at once.
            String backfillRun = "b20251022T1400-ops";
            LocalDate today = LocalDate.ofInstant(CYCLE, Messages.KST);
            new QueuePublisher(aws.sqs(), p.resources().queueUrl(Topology.RESULT))
                    .publish(RunStarted.of(backfillRun, CYCLE, FetchMode.NORMAL, List.of(STORE)));
            new QueuePublisher(aws.sqs(), p.resources().queueUrl(Topology.FETCH)).publish(FetchRequest.of(
                    backfillRun, STORE, new DateWindow(today, today.plusDays(14)), FetchMode.NORMAL, CYCLE));
            p.tick(CYCLE);

            // Not awaitRun: a job planned twice in the race is held back by the sender until its twin's
            // claim expires (a minute), and the runs wait for it. The customers' side is settled once both
            // snapshots are planned, every key reached SENS and no job is left to receive.
            Set<String> expected = expectedKeys(bookings);
            String fetches = p.resources().queueUrl(Topology.FETCH);
            String snapshots = p.resources().queueUrl(Topology.SNAPSHOT);
            String smsQueue = p.resources().queueUrl(Topology.SMS);
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> p.depth(fetches, true) == 0 && p.depth(snapshots, true) == 0
                            && p.sens.messages().size() >= expected.size() && p.depth(smsQueue, false) == 0);
            Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                    .until(() -> p.sens.messages().size() == expected.size());
            // Two fetches of the store, one per run.
            assertThat(p.naver.requestsFor(STORE)).filteredOn(r -> r.statusCodes().contains("RC03")).hasSize(2);
            assertThat(p.sens.messages()).extracting(m -> m.idempotencyKey()).containsExactlyInAnyOrderElementsOf(expected);
            expected.forEach(key -> assertThat(p.sens.countByKey(key)).as(key).isEqualTo(1));
            assertStatesSettled(p, bookings);
        }
    }

    @Test
    void aCrashAfterTheStateWriteMakesTheNextDeliveryEmitThePendingJob(LocalAws aws) {
        try (LocalPipeline p = LocalPipeline.start(aws, LocalPipeline.Options.defaults(LocalAwsExtension.uniqueEnvironment("crash")),
                new SimulatedClock(CYCLE))) {
            Instant tomorrow = kst("2025-10-23T11:00");
            Booking neverEnqueued = booking("6101", tomorrow, "010-4100-0001");
            Booking enqueuedAndSent = booking("6102", tomorrow, "010-4100-0002");
            String neverKey = STORE + ":6101:CONFIRMATION";
            String sentKey = STORE + ":6102:CONFIRMATION";
            p.naver.setBookings(STORE, List.of(naverJson(neverEnqueued), naverJson(enqueuedAndSent)));
            // 6101: a planner wrote its state (confirmation pending) and died before enqueueing the job,
            // longer ago than the pending lease (stamped ten minutes back).
            BookingStateStore states = new BookingStateStore(aws.dynamo(), p.table(Topology.BOOKINGS),
                    Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-10)));
            assertThat(states.write(STORE, pendingState(neverEnqueued, 1, neverKey))).isTrue();

            String run1 = p.tick(CYCLE);
            assertThat(p.awaitRun(run1, Duration.ofSeconds(60)).complete()).isTrue();
            assertThat(p.sens.countByKey(neverKey)).isEqualTo(1);
            assertThat(p.sens.countByKey(sentKey)).isEqualTo(1);
            assertThat(states.reload(STORE, "6101").state().pendingKeys()).isEmpty();

            // 6102: its job reached the sender and was sent, but the planner died before clearing the mark.
            BookingState sent = states.reload(STORE, "6102").state();
            assertThat(states.write(STORE, pendingState(enqueuedAndSent, sent.version() + 1, sentKey))).isTrue();
            String run2 = p.tick(CYCLE.plus(Duration.ofMinutes(20)));
            assertThat(p.awaitRun(run2, Duration.ofSeconds(60)).summarized()).isTrue();
            // Emitted again, and the sender's idempotency keeps the customer from a second text.
            assertThat(p.sens.countByKey(sentKey)).isEqualTo(1);
            assertThat(p.sens.countByKey(neverKey)).isEqualTo(1);
            assertThat(p.sens.messages()).hasSize(2);
            assertThat(states.reload(STORE, "6102").state().pendingKeys()).isEmpty();
            assertThat(states.reload(STORE, "6102").state().version()).isGreaterThan(sent.version() + 1);
        }
    }

    private static BookingState pendingState(Booking b, long version, String key) {
        return new BookingState(b.bookingId(), "RC03", b.startAt(), Set.of(key), Set.of(key), version,
                b.startAt().plus(Planner.DEFAULT_STATE_TTL), CYCLE.minus(Duration.ofMinutes(10)), null);
    }

    private static PlannerStage planner(LocalPipeline p, DynamoDbClient dynamo) {
        var sqs = p.aws().sqs();
        return new PlannerStage(STORES, RuleSetParser.defaults(), new BookingStateStore(dynamo, p.table(Topology.BOOKINGS), Clock.systemUTC()),
                new QueuePublisher(sqs, p.resources().queueUrl(Topology.SMS)),
                new QueuePublisher(sqs, p.resources().queueUrl(Topology.RESULT)), Planner.DEFAULT_STATE_TTL, 3,
                Duration.ofSeconds(60), Clock.systemUTC());
    }

    /** Receives and deletes everything on the SMS queue; the message bodies. */
    private static List<String> drainJobs(LocalPipeline p) {
        String url = p.resources().queueUrl(Topology.SMS);
        List<String> bodies = new ArrayList<>();
        int emptyPolls = 0;
        while (emptyPolls < 2) {
            List<Message> batch = p.aws().sqs().receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1))
                    .messages();
            emptyPolls = batch.isEmpty() ? emptyPolls + 1 : 0;
            for (Message m : batch) {
                bodies.add(m.body());
                p.aws().sqs().deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle()));
            }
        }
        return bodies;
    }

    /** Every booking's state names exactly the keys it was due, none left pending. */
    private static void assertStatesSettled(LocalPipeline p, List<Booking> bookings) {
        BookingStateStore states = new BookingStateStore(p.aws().dynamo(), p.table(Topology.BOOKINGS), Clock.systemUTC());
        for (Booking b : bookings) {
            BookingState s = states.reload(STORE, b.bookingId()).state();
            assertThat(s.plannedKeys()).as("planned keys of " + b.bookingId()).isEqualTo(expectedKeys(List.of(b)));
            assertThat(s.pendingKeys()).as("pending keys of " + b.bookingId()).isEmpty();
        }
    }

    /** A booking as the Naver API returns it. */
    private static Map<String, Object> naverJson(Booking b) {
        Map<String, Object> json = new HashMap<>();
        json.put("bookingId", Long.parseLong(b.bookingId()));
        json.put("businessId", Long.parseLong(STORE));
        json.put("bizItemName", b.bizItemName());
        json.put("bookingStatusCode", b.status());
        json.put("name", b.name());
        json.put("phone", b.phone());
        json.put("bookingCount", b.bookingCount());
        json.put("regDateTime", b.regDateTime().toString());
        json.put("startDate", b.startDate().toString());
        json.put("snapshotJson", Map.of("startDateTime", b.startAt().toString(), "endDateTime", b.endAt().toString()));
        return json;
    }

    /**
     * The real DynamoDB client (dynalite), holding each batch read until the other planner has read too,
     * so the two planners decide on the same stored state. Everything else passes straight through.
     */
    private record ReadBarrierDynamo(DynamoDbClient delegate, CyclicBarrier barrier) implements DynamoDbClient {
        @Override
        public BatchGetItemResponse batchGetItem(BatchGetItemRequest request) {
            BatchGetItemResponse response = delegate.batchGetItem(request);
            try {
                barrier.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (BrokenBarrierException | TimeoutException e) {
                throw new IllegalStateException("the other planner never read", e);
            }
            return response;
        }

        @Override
        public GetItemResponse getItem(GetItemRequest request) {
            return delegate.getItem(request);
        }

        @Override
        public PutItemResponse putItem(PutItemRequest request) {
            return delegate.putItem(request);
        }

        @Override
        public String serviceName() {
            return delegate.serviceName();
        }

        @Override
        public void close() {
            // the shared client belongs to LocalAws
        }
    }
}
