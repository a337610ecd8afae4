package dev.placenotify.local.fetcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.placenotify.fetcher.FetchQueries;
import dev.placenotify.testsupport.LocalAwsExtension;
import dev.placenotify.testsupport.LocalWorld.Options;
import dev.placenotify.testsupport.sim.NaverBookingJson;
import dev.placenotify.testsupport.aws.LocalAws;
import dev.placenotify.testsupport.sim.BookingListRequest;
import dev.placenotify.testsupport.sim.Fault;
import dev.placenotify.model.BookingSnapshot;
import dev.placenotify.model.ChunkPlanned;
import dev.placenotify.model.FetchMode;
import dev.placenotify.model.Messages;
import dev.placenotify.model.MessageCodec;
import dev.placenotify.model.RunStarted;
import dev.placenotify.model.SkippedItem;
import dev.placenotify.model.StoreFetchFailed;
import dev.placenotify.model.StoreFetched;
import dev.placenotify.model.Topology;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.model.Message;

/** The fetcher against the Naver simulator on ElasticMQ + dynalite: paging, slicing, retries, tolerance, size. */
@ExtendWith(LocalAwsExtension.class)
class NaverFetchIntegrationTest {
    static final Instant CYCLE = ZonedDateTime.of(2025, 10, 22, 14, 0, 0, 0, Messages.KST).toInstant();
    static final LocalDate TODAY = LocalDate.of(2025, 10, 22);
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void threePagesOfTwoStatusesAreAssembledCompletely(LocalAws aws) {
        String store = "3100001";
        try (FetcherRig rig = FetcherRig.start(aws, options("pages", store), CYCLE).withPlanner()) {
            List<Map<String, Object>> bookings = new ArrayList<>(bookings(store, 1_000, 120, "RC03"));
            bookings.addAll(bookings(store, 2_000, 120, "RC04"));
            rig.pipeline.naver.setBookings(store, bookings);

            rig.backfill("b-pages", CYCLE, List.of(store), FetchQueries.scheduledWindow(CYCLE, 14), FetchMode.SEED);

            StoreFetched fetched = rig.await(StoreFetched.class, l -> !l.isEmpty(), WAIT).get(0);
            assertThat(fetched.bookingsByStatus()).isEqualTo(Map.of("RC03", 120, "RC04", 120));
            assertThat(fetched.pages()).isEqualTo(3 + 3 + 1);
            Map<String, List<Integer>> pagesByStatus = rig.pipeline.naver.requestsFor(store).stream()
                    .collect(Collectors.groupingBy(r -> r.statusCodes().get(0),
                            Collectors.mapping(BookingListRequest::page, Collectors.toList())));
            assertThat(pagesByStatus.get("RC03")).containsExactly(0, 1, 2);
            assertThat(pagesByStatus.get("RC04")).containsExactly(0, 1, 2);
            assertThat(pagesByStatus.get("RC08")).containsExactly(0);
            assertThat(rig.pipeline.naver.requestsFor(store)).allSatisfy(r -> assertThat(r.size()).isEqualTo(50));
            // Every request looked like the partner console's (issue 13 item 12), with the console's cache buster.
            assertThat(rig.pipeline.naver.requestsFor(store)).allSatisfy(r -> {
                assertThat(r.consoleHeaders()).isTrue();
                assertThat(r.role()).isEqualTo("OWNER");
                assertThat(r.referer()).isEqualTo("https://partner.booking.naver.com/bizes/" + store + "/booking-list-view");
                assertThat(r.userAgent()).startsWith("Mozilla/5.0 (Windows NT 10.0; Win64; x64)").contains("Chrome/");
                assertThat(r.accept()).isEqualTo("*/*");
                assertThat(r.noCache()).matches("\\d{13}");
            });

            rig.await(ChunkPlanned.class, l -> l.size() == fetched.chunkCount(), WAIT);
            assertThat(rig.bookingStates(store)).hasSize(240);
        }
    }

    @Test
    void aSixtyDayBackfillEnqueuedAsPlainJsonIsFetchedInTwoSlicesPerStatus(LocalAws aws) {
        String store = "3100002";
        try (FetcherRig rig = FetcherRig.start(aws, options("slices", store), CYCLE).withPlanner()) {
            List<Map<String, Object>> bookings = new ArrayList<>();
            for (int day = 0; day < 60; day++) {
                Instant start = TODAY.plusDays(day).atTime(11, 0).atZone(Messages.KST).toInstant();
                bookings.add(booking(store, 5_000 + day, "RC03", start));
            }
            rig.pipeline.naver.setBookings(store, bookings);

            // Exactly the body docs/fetcher.md tells an operator to send with `aws sqs send-message`.
            String body = """
                    {"schemaVersion":1,"runId":"b20251022-3100002","storeId":"3100002",\
                    "window":{"from":"2025-10-22","to":"2025-12-20"},"mode":"SEED","cycleAt":"2025-10-22T05:00:00Z"}""";
            rig.pipeline.aws().sqs().sendMessage(b -> b.queueUrl(rig.pipeline.resources().queueUrl(Topology.FETCH))
                    .messageBody(body));
            // And the optional announcement to the notifier, also exactly as documented.
            String announce = """
                    {"type":"RunStarted","schemaVersion":1,"runId":"b20251022-3100002","cycleAt":"2025-10-22T05:00:00Z",\
                    "mode":"SEED","storeIds":["3100002"]}""";
            rig.pipeline.aws().sqs().sendMessage(b -> b.queueUrl(rig.pipeline.resources().queueUrl(Topology.RESULT))
                    .messageBody(announce));
            assertThat(rig.await(RunStarted.class, l -> !l.isEmpty(), WAIT).get(0))
                    .isEqualTo(RunStarted.of("b20251022-3100002", CYCLE, FetchMode.SEED, List.of(store)));

            StoreFetched fetched = rig.await(StoreFetched.class, l -> !l.isEmpty(), WAIT).get(0);
            assertThat(fetched.runId()).isEqualTo("b20251022-3100002");
            assertThat(fetched.bookingsByStatus()).isEqualTo(Map.of("RC03", 60));
            List<BookingListRequest> confirmed = rig.pipeline.naver.requestsFor(store).stream()
                    .filter(r -> r.statusCodes().equals(List.of("RC03")))
                    .sorted(Comparator.comparing(BookingListRequest::start)).toList();
            assertThat(confirmed).hasSize(2);
            Instant sliceOneStart = TODAY.atStartOfDay(Messages.KST).toInstant();
            Instant sliceTwoStart = TODAY.plusDays(31).atStartOfDay(Messages.KST).toInstant();
            assertThat(confirmed.get(0).start()).isEqualTo(sliceOneStart);
            assertThat(confirmed.get(0).end()).isEqualTo(sliceTwoStart.minusMillis(1));
            assertThat(confirmed.get(1).start()).isEqualTo(sliceTwoStart);
            assertThat(confirmed.get(1).end()).isEqualTo(TODAY.plusDays(60).atStartOfDay(Messages.KST).toInstant().minusMillis(1));
            assertThat(confirmed).allSatisfy(r -> assertThat(Duration.between(r.start(), r.end())).isLessThanOrEqualTo(Duration.ofDays(31)));
            // Cancellations over both slices too; completions only for the cycle's day.
            assertThat(rig.pipeline.naver.requestsFor(store).stream().filter(r -> r.statusCodes().equals(List.of("RC04")))).hasSize(2);
            assertThat(rig.pipeline.naver.requestsFor(store).stream().filter(r -> r.statusCodes().equals(List.of("RC08")))).hasSize(1);

            rig.await(ChunkPlanned.class, l -> l.size() == fetched.chunkCount(), WAIT);
            assertThat(rig.bookingStates(store)).hasSize(60);
        }
    }

    @Test
    void aServerErrorIsRetriedInProcessAndTheFetchSucceeds(LocalAws aws) {
        String store = "3100003";
        try (FetcherRig rig = FetcherRig.start(aws, options("retry", store), CYCLE).withPlanner()) {
            rig.pipeline.naver.setBookings(store, bookings(store, 7_000, 10, "RC03"));
            rig.pipeline.naver.enqueueFault(Fault.json(500, "{\"error\":\"INTERNAL_SERVER_ERROR\"}"));

            rig.backfill("b-retry", CYCLE, List.of(store), FetchQueries.scheduledWindow(CYCLE, 14), FetchMode.SEED);

            StoreFetched fetched = rig.await(StoreFetched.class, l -> !l.isEmpty(), WAIT).get(0);
            assertThat(fetched.bookingsByStatus()).isEqualTo(Map.of("RC03", 10));
            List<BookingListRequest> requests = rig.pipeline.naver.requestsFor(store);
            assertThat(requests).hasSize(3 + 1);
            // The failed request was asked again, identically.
            assertThat(requests.stream().collect(Collectors.groupingBy(r -> r.statusCodes() + "@" + r.start() + "#" + r.page(),
                    Collectors.counting())).values()).containsExactlyInAnyOrder(2L, 1L, 1L);
            rig.await(ChunkPlanned.class, l -> !l.isEmpty(), WAIT);
            assertThat(rig.bookingStates(store)).hasSize(10);
            assertThat(rig.results(StoreFetchFailed.class)).isEmpty();
            assertThat(rig.dlqDepth(Topology.FETCH)).isZero();
        }
    }

    @Test
    void serverErrorsBeyondTheInProcessBudgetAreLeftToSqsAndTheRedeliverySucceeds(LocalAws aws) {
        String store = "3100004";
        Options options = options("redeliver", store).withVisibility(Duration.ofSeconds(1))
                .withEnv(Map.of("NAVER_PARALLEL_QUERIES", "1"));
        try (FetcherRig rig = FetcherRig.start(aws, options, CYCLE)) {
            rig.pipeline.naver.setBookings(store, bookings(store, 8_000, 10, "RC03"));
            rig.pipeline.naver.enqueueFault(Fault.json(500, "{\"error\":\"INTERNAL_SERVER_ERROR\"}"), 3);

            rig.backfill("b-redeliver", CYCLE, List.of(store), FetchQueries.scheduledWindow(CYCLE, 14), FetchMode.SEED);

            StoreFetched fetched = rig.await(StoreFetched.class, l -> !l.isEmpty(), WAIT).get(0);
            assertThat(fetched.bookingsByStatus()).isEqualTo(Map.of("RC03", 10));
            // Delivery 1: three attempts at the first query, all 500. Delivery 2: the three queries.
            assertThat(rig.pipeline.naver.requestsFor(store)).hasSize(3 + 3);
            assertThat(rig.pipeline.naver.pendingFaults()).isZero();
            assertThat(rig.results(StoreFetchFailed.class)).isEmpty();
            assertThat(rig.dlqDepth(Topology.FETCH)).isZero();
        }
    }

    @Test
    void aMalformedBookingAmongGoodOnesIsSkippedWithAReasonTheSummaryCanShow(LocalAws aws) {
        String store = "3100005";
        try (FetcherRig rig = FetcherRig.start(aws, options("malformed", store), CYCLE).withPlanner()) {
            List<Map<String, Object>> bookings = new ArrayList<>(bookings(store, 9_000, 5, "RC03"));
            Map<String, Object> unreadable = booking(store, 9_100, "RC03", CYCLE.plus(Duration.ofDays(2)));
            unreadable.put("snapshotJson", Map.of("startDateTime", "tomorrow at ten"));
            bookings.add(2, unreadable);
            rig.pipeline.naver.setBookings(store, bookings);

            String runId = rig.tick(CYCLE);

            StoreFetched fetched = rig.await(StoreFetched.class, l -> !l.isEmpty(), WAIT).get(0);
            assertThat(fetched.runId()).isEqualTo(runId).isEqualTo("c20251022T1400");
            assertThat(fetched.bookingsByStatus()).isEqualTo(Map.of("RC03", 5));
            assertThat(fetched.skipped()).singleElement().satisfies(s -> {
                assertThat(s.bookingId()).isEqualTo("9100");
                assertThat(s.reason()).isEqualTo("unreadable booking from Naver: startDateTime is not an instant: tomorrow at ten");
            });
            ChunkPlanned planned = rig.await(ChunkPlanned.class, l -> !l.isEmpty(), WAIT).get(0);
            assertThat(planned.skipped()).extracting(SkippedItem::bookingId).contains("9100");
            assertThat(planned.skipped()).filteredOn(s -> "9100".equals(s.bookingId()))
                    .allSatisfy(s -> assertThat(s.reason()).contains("startDateTime is not an instant"));
            // The good ones were planned as usual: five new confirmed bookings, five confirmations.
            assertThat(planned.jobs()).hasSize(5);
            assertThat(rig.bookingStates(store)).hasSize(5);
        }
    }

    @Test
    void aStoreOf1200BookingsIsChunkedUnder256KbPerMessageAndPlannedCompletely(LocalAws aws) {
        String store = "3100006";
        try (FetcherRig rig = FetcherRig.start(aws, options("large", store), CYCLE)) {
            rig.pipeline.naver.setBookings(store, bookings(store, 100_000, 1_200, "RC03"));

            rig.backfill("b-large", CYCLE, List.of(store), FetchQueries.scheduledWindow(CYCLE, 14), FetchMode.SEED);

            StoreFetched fetched = rig.await(StoreFetched.class, l -> !l.isEmpty(), WAIT).get(0);
            assertThat(fetched.bookingsByStatus()).isEqualTo(Map.of("RC03", 1_200));
            assertThat(fetched.pages()).isEqualTo(25 + 1 + 1); // 24 full pages and an empty one, RC04, RC08
            assertThat(fetched.chunkCount()).isGreaterThan(1);

            // Before the planner runs: every snapshot message as SQS holds it.
            String url = rig.pipeline.resources().queueUrl(Topology.SNAPSHOT);
            // StoreFetched is published after the chunks, so all of them are in the queue by now.
            List<Message> messages = new ArrayList<>();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (messages.size() < fetched.chunkCount() && System.nanoTime() < deadline) {
                messages.addAll(rig.pipeline.aws().sqs().receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)
                        .visibilityTimeout(30).waitTimeSeconds(1)).messages());
            }
            assertThat(messages).hasSize(fetched.chunkCount());
            List<BookingSnapshot> chunks = messages.stream().map(m -> MessageCodec.decode(m.body(), BookingSnapshot.class))
                    .sorted(Comparator.comparing(BookingSnapshot::chunkIndex)).toList();
            assertThat(messages).allSatisfy(m ->
                    assertThat(m.body().getBytes(StandardCharsets.UTF_8).length).isLessThan(256 * 1024));
            assertThat(chunks).extracting(BookingSnapshot::chunkIndex)
                    .containsExactlyElementsOf(java.util.stream.IntStream.range(0, chunks.size()).boxed().toList());
            assertThat(chunks).allSatisfy(c -> {
                assertThat(c.chunkCount()).isEqualTo(fetched.chunkCount());
                assertThat(c.bookings()).isNotEmpty();
            });
            assertThat(chunks.stream().mapToInt(c -> c.bookings().size()).sum()).isEqualTo(1_200);
            assertThat(chunks.stream().flatMap(c -> c.bookings().stream()).map(b -> b.bookingId()).distinct()).hasSize(1_200);
            messages.forEach(m -> rig.pipeline.aws().sqs().changeMessageVisibility(b -> b.queueUrl(url)
                    .receiptHandle(m.receiptHandle()).visibilityTimeout(0)));

            rig.withPlanner();
            List<ChunkPlanned> planned = rig.await(ChunkPlanned.class, l -> l.size() >= fetched.chunkCount(), WAIT);
            assertThat(planned).extracting(ChunkPlanned::chunkIndex).doesNotHaveDuplicates().hasSize(fetched.chunkCount());
            assertThat(rig.bookingStates(store)).hasSize(1_200);
        }
    }

    static Options options(String prefix, String... storeIds) {
        Map<String, String> accounts = new java.util.LinkedHashMap<>();
        for (String s : storeIds) {
            accounts.put(s, "default");
        }
        return Options.defaults(LocalAwsExtension.uniqueEnvironment("f" + prefix)).withStores(FetcherRig.storesFile(accounts));
    }

    /** {@code count} bookings of one status, starting at 10:00-20:00 KST over the next 13 days. */
    static List<Map<String, Object>> bookings(String store, long firstId, int count, String status) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Instant start = TODAY.plusDays(1 + i % 13).atTime(10 + i % 11, (i % 2) * 30).atZone(Messages.KST).toInstant();
            out.add(booking(store, firstId + i, status, start));
        }
        return out;
    }

    static Map<String, Object> booking(String store, long id, String status, Instant start) {
        return new java.util.LinkedHashMap<>(NaverBookingJson.of(id, store, "키즈룸 2시간", status, "김민수",
                String.format("010-%04d-%04d", id % 10_000, (id * 7) % 10_000), 2, CYCLE.minus(Duration.ofDays(3)), start,
                Duration.ofHours(2)));
    }
}
