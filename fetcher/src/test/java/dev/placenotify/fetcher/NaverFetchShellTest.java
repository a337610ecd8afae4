package dev.placenotify.fetcher;

import static dev.placenotify.fetcher.TestBookings.CYCLE;
import static dev.placenotify.fetcher.TestBookings.TODAY;
import static dev.placenotify.fetcher.TestBookings.booking;
import static dev.placenotify.fetcher.TestBookings.bookings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.placenotify.model.Booking;
import dev.placenotify.model.BookingSnapshot;
import dev.placenotify.model.DateWindow;
import dev.placenotify.model.FetchMode;
import dev.placenotify.model.FetchRequest;
import dev.placenotify.model.MessageCodec;
import dev.placenotify.model.Messages;
import dev.placenotify.model.RunStarted;
import dev.placenotify.model.SkippedItem;
import dev.placenotify.model.StoreFetched;
import dev.placenotify.model.Topology;
import dev.placenotify.session.NaverSession;
import dev.placenotify.testsupport.LocalAwsExtension;
import dev.placenotify.testsupport.LocalWorld;
import dev.placenotify.testsupport.aws.LocalAws;
import dev.placenotify.testsupport.sim.BookingListRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The fetch entry ({@link FetchHandler}) against the Naver simulator on ElasticMQ + dynalite: a fetch message
 * becomes the store's snapshot chunks and its {@code StoreFetched}, read with the stored session; paging, slicing,
 * backfills, chunk sizes and tolerant parsing, asserted on the messages the fetcher publishes.
 */
@ExtendWith(LocalAwsExtension.class)
class NaverFetchShellTest {
    private static final DateWindow WINDOW = FetchQueries.scheduledWindow(CYCLE, 14);

    @Test
    void aScheduledFetchReadsTheStoreWithTheStoredSessionAndPublishesItsSnapshotAndStoreFetched(LocalAws aws) {
        String store = "3100000";
        try (FetcherShellRig rig = FetcherShellRig.start(aws, "ffetch", FetcherShellRig.defaultAccountStores(store))) {
            List<Map<String, Object>> served = new ArrayList<>(bookings(store, 1_000, 3, "RC03"));
            served.add(booking(store, 1_100, "RC04", CYCLE.plus(Duration.ofDays(2))));
            served.add(booking(store, 1_200, "RC08", CYCLE.minus(Duration.ofHours(3))));
            rig.naver.setBookings(store, served);
            long sessionVersion = rig.sessions().find(LocalWorld.NAVER_ACCOUNT).orElseThrow().version();
            String runId = rig.tick(CYCLE);
            // Delivered a few minutes after the tick: what the fetcher stamps now is told apart from the cycle.
            Instant delivered = CYCLE.plus(Duration.ofMinutes(5));
            rig.clock.set(delivered);

            FetcherShellRig.Delivery delivery = rig.deliverNext();

            assertThat(delivery.allAcknowledged()).isTrue();
            assertThat(rig.fetchQueueDepth()).isZero();
            // One query per status, each with the account's stored cookies.
            assertThat(rig.naver.requestsFor(store)).hasSize(3).allSatisfy(r -> {
                assertThat(r.nidAut()).isEqualTo(LocalWorld.NID_AUT);
                assertThat(r.sessionValid()).isTrue();
            });
            assertThat(rig.naver.requestsFor(store)).extracting(r -> r.statusCodes().get(0))
                    .containsExactlyInAnyOrder("RC03", "RC04", "RC08");
            BookingSnapshot chunk = rig.snapshots().stream().collect(onlyOne());
            assertThat(chunk.runId()).isEqualTo(runId);
            assertThat(chunk.storeId()).isEqualTo(store);
            assertThat(chunk.cycleAt()).isEqualTo(CYCLE);
            assertThat(chunk.fetchedAt()).isBetween(delivered, rig.clock.instant());
            assertThat(chunk.mode()).isEqualTo(FetchMode.NORMAL);
            assertThat(chunk.window()).isEqualTo(WINDOW);
            assertThat(chunk.chunkIndex()).isZero();
            assertThat(chunk.chunkCount()).isEqualTo(1);
            assertThat(chunk.skipped()).isEmpty();
            assertThat(chunk.bookings()).extracting(Booking::bookingId, Booking::status).containsExactlyInAnyOrder(
                    tuple("1000", "RC03"), tuple("1001", "RC03"), tuple("1002", "RC03"), tuple("1100", "RC04"),
                    tuple("1200", "RC08"));
            assertThat(chunk.bookings()).filteredOn(b -> b.bookingId().equals("1000")).singleElement().satisfies(b -> {
                assertThat(b.name()).isEqualTo("김민수");
                assertThat(b.startDate()).isEqualTo(TODAY.plusDays(1));
                assertThat(b.startAt()).isEqualTo(TODAY.plusDays(1).atTime(10, 0).atZone(Messages.KST).toInstant());
            });
            StoreFetched fetched = rig.results(StoreFetched.class).stream().collect(onlyOne());
            assertThat(fetched.runId()).isEqualTo(runId);
            assertThat(fetched.storeId()).isEqualTo(store);
            assertThat(fetched.chunkCount()).isEqualTo(1);
            assertThat(fetched.bookingsByStatus()).isEqualTo(Map.of("RC03", 3, "RC04", 1, "RC08", 1));
            assertThat(fetched.skipped()).isEmpty();
            assertThat(fetched.pages()).isEqualTo(3);
            // The cookies answered: the session is recorded as validated, nothing else about it changed.
            NaverSession after = rig.sessions().find(LocalWorld.NAVER_ACCOUNT).orElseThrow();
            assertThat(after.valid()).isTrue();
            assertThat(after.version()).isEqualTo(sessionVersion);
            assertThat(after.validatedAt()).isBetween(delivered, rig.clock.instant());
        }
    }

    @Test
    void threePagesOfTwoStatusesAreAssembledCompletely(LocalAws aws) {
        String store = "3100001";
        try (FetcherShellRig rig = FetcherShellRig.start(aws, "fpages", FetcherShellRig.defaultAccountStores(store))) {
            List<Map<String, Object>> bookings = new ArrayList<>(bookings(store, 1_000, 120, "RC03"));
            bookings.addAll(bookings(store, 2_000, 120, "RC04"));
            rig.naver.setBookings(store, bookings);
            rig.enqueue(FetchRequest.of("b-pages", store, WINDOW, FetchMode.SEED, CYCLE));

            assertThat(rig.deliverNext().allAcknowledged()).isTrue();

            StoreFetched fetched = rig.results(StoreFetched.class).stream().collect(onlyOne());
            assertThat(fetched.bookingsByStatus()).isEqualTo(Map.of("RC03", 120, "RC04", 120));
            assertThat(fetched.pages()).isEqualTo(3 + 3 + 1);
            Map<String, List<Integer>> pagesByStatus = rig.naver.requestsFor(store).stream()
                    .collect(Collectors.groupingBy(r -> r.statusCodes().get(0),
                            Collectors.mapping(BookingListRequest::page, Collectors.toList())));
            assertThat(pagesByStatus.get("RC03")).containsExactly(0, 1, 2);
            assertThat(pagesByStatus.get("RC04")).containsExactly(0, 1, 2);
            assertThat(pagesByStatus.get("RC08")).containsExactly(0);
            assertThat(rig.naver.requestsFor(store)).allSatisfy(r -> assertThat(r.size()).isEqualTo(50));
            // Every request looked like the partner console's (issue 13 item 12), with the console's cache buster.
            assertThat(rig.naver.requestsFor(store)).allSatisfy(r -> {
                assertThat(r.consoleHeaders()).isTrue();
                assertThat(r.role()).isEqualTo("OWNER");
                assertThat(r.referer()).isEqualTo("https://partner.booking.naver.com/bizes/" + store + "/booking-list-view");
                assertThat(r.userAgent()).startsWith("Mozilla/5.0 (Windows NT 10.0; Win64; x64)").contains("Chrome/");
                assertThat(r.accept()).isEqualTo("*/*");
                assertThat(r.noCache()).matches("\\d{13}");
            });
            // Every booking of every page is in the snapshot, once.
            List<Booking> published = rig.snapshots(store).stream().flatMap(s -> s.bookings().stream()).toList();
            assertThat(published).hasSize(240);
            assertThat(published).extracting(Booking::bookingId).doesNotHaveDuplicates();
            assertThat(rig.snapshots(store)).hasSize(fetched.chunkCount());
        }
    }

    @Test
    void aSixtyDaySeedBackfillEnqueuedAsPlainJsonIsFetchedInTwoSlicesPerStatus(LocalAws aws) {
        String store = "3100002";
        try (FetcherShellRig rig = FetcherShellRig.start(aws, "fslices", FetcherShellRig.defaultAccountStores(store))) {
            List<Map<String, Object>> bookings = new ArrayList<>();
            for (int day = 0; day < 60; day++) {
                Instant start = TODAY.plusDays(day).atTime(11, 0).atZone(Messages.KST).toInstant();
                bookings.add(booking(store, 5_000 + day, "RC03", start));
            }
            rig.naver.setBookings(store, bookings);

            // Exactly the body docs/fetcher.md tells an operator to send with `aws sqs send-message`.
            rig.enqueueBody("""
                    {"schemaVersion":1,"runId":"b20251022-3100002","storeId":"3100002",\
                    "window":{"from":"2025-10-22","to":"2025-12-20"},"mode":"SEED","cycleAt":"2025-10-22T05:00:00Z"}""");
            // And the optional announcement to the notifier, also exactly as documented: it is a RunStarted.
            String announce = """
                    {"type":"RunStarted","schemaVersion":1,"runId":"b20251022-3100002","cycleAt":"2025-10-22T05:00:00Z",\
                    "mode":"SEED","storeIds":["3100002"]}""";
            rig.world.aws().sqs().sendMessage(b -> b.queueUrl(rig.world.resources().queueUrl(Topology.RESULT))
                    .messageBody(announce));
            assertThat(rig.results(RunStarted.class)).singleElement()
                    .isEqualTo(RunStarted.of("b20251022-3100002", CYCLE, FetchMode.SEED, List.of(store)));

            assertThat(rig.deliverNext().allAcknowledged()).isTrue();

            StoreFetched fetched = rig.results(StoreFetched.class).stream().collect(onlyOne());
            assertThat(fetched.runId()).isEqualTo("b20251022-3100002");
            assertThat(fetched.bookingsByStatus()).isEqualTo(Map.of("RC03", 60));
            List<BookingListRequest> confirmed = rig.naver.requestsFor(store).stream()
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
            assertThat(rig.naver.requestsFor(store).stream().filter(r -> r.statusCodes().equals(List.of("RC04")))).hasSize(2);
            assertThat(rig.naver.requestsFor(store).stream().filter(r -> r.statusCodes().equals(List.of("RC08")))).hasSize(1);
            // The snapshot carries the backfill's mode, window and cycle, so the planner records state and texts nobody.
            assertThat(rig.snapshots(store)).isNotEmpty().allSatisfy(s -> {
                assertThat(s.runId()).isEqualTo("b20251022-3100002");
                assertThat(s.mode()).isEqualTo(FetchMode.SEED);
                assertThat(s.window()).isEqualTo(new DateWindow(TODAY, LocalDate.of(2025, 12, 20)));
                assertThat(s.cycleAt()).isEqualTo(Instant.parse("2025-10-22T05:00:00Z"));
            });
            assertThat(rig.snapshots(store).stream().flatMap(s -> s.bookings().stream()).map(Booking::bookingId))
                    .hasSize(60).doesNotHaveDuplicates();
        }
    }

    @Test
    void aStoreOf1200BookingsIsChunkedUnder256KbPerMessage(LocalAws aws) {
        String store = "3100006";
        try (FetcherShellRig rig = FetcherShellRig.start(aws, "flarge", FetcherShellRig.defaultAccountStores(store))) {
            rig.naver.setBookings(store, bookings(store, 100_000, 1_200, "RC03"));
            rig.enqueue(FetchRequest.of("b-large", store, WINDOW, FetchMode.SEED, CYCLE));

            assertThat(rig.deliverNext().allAcknowledged()).isTrue();

            StoreFetched fetched = rig.results(StoreFetched.class).stream().collect(onlyOne());
            assertThat(fetched.bookingsByStatus()).isEqualTo(Map.of("RC03", 1_200));
            assertThat(fetched.pages()).isEqualTo(25 + 1 + 1); // 24 full pages and an empty one, RC04, RC08
            assertThat(fetched.chunkCount()).isGreaterThan(1);
            // Every snapshot message as SQS holds it.
            List<String> bodies = rig.snapshotBodies();
            assertThat(bodies).hasSize(fetched.chunkCount())
                    .allSatisfy(b -> assertThat(b.getBytes(StandardCharsets.UTF_8).length).isLessThan(256 * 1024));
            List<BookingSnapshot> chunks = bodies.stream().map(b -> MessageCodec.decode(b, BookingSnapshot.class))
                    .sorted(Comparator.comparing(BookingSnapshot::chunkIndex)).toList();
            assertThat(chunks).extracting(BookingSnapshot::chunkIndex)
                    .containsExactlyElementsOf(IntStream.range(0, chunks.size()).boxed().toList());
            assertThat(chunks).allSatisfy(c -> {
                assertThat(c.chunkCount()).isEqualTo(fetched.chunkCount());
                assertThat(c.bookings()).isNotEmpty();
            });
            assertThat(chunks.stream().mapToInt(c -> c.bookings().size()).sum()).isEqualTo(1_200);
            assertThat(chunks.stream().flatMap(c -> c.bookings().stream()).map(Booking::bookingId).distinct()).hasSize(1_200);
        }
    }

    /**
     * docs/fetcher.md, "Paging, slicing, parallel queries": a booking that cannot be read is skipped with a reason that
     * travels in the first chunk and in {@code StoreFetched.skipped}; the store's other bookings are published as
     * usual, and a booking without an id is passed on for the planner to report.
     */
    @Test
    void anUnreadableBookingIsSkippedWithItsReasonAndDoesNotCostTheStoreItsSnapshot(LocalAws aws) {
        String store = "3100005";
        try (FetcherShellRig rig = FetcherShellRig.start(aws, "fmalformed", FetcherShellRig.defaultAccountStores(store))) {
            List<Object> served = new ArrayList<>(bookings(store, 9_000, 5, "RC03"));
            Map<String, Object> unreadable = booking(store, 9_100, "RC03", CYCLE.plus(Duration.ofDays(2)));
            unreadable.put("snapshotJson", Map.of("startDateTime", "tomorrow at ten"));
            served.add(2, unreadable);
            Map<String, Object> withoutId = booking(store, 9_200, "RC03", CYCLE.plus(Duration.ofDays(3)));
            withoutId.remove("bookingId");
            served.add(withoutId);
            rig.naver.setBookings(store, served);
            String runId = rig.tick(CYCLE);

            assertThat(rig.deliverNext().allAcknowledged()).isTrue();

            List<SkippedItem> expectedSkips = List.of(
                    new SkippedItem("9100", "unreadable booking from Naver: startDateTime is not an instant: tomorrow at ten"));
            StoreFetched fetched = rig.results(StoreFetched.class).stream().collect(onlyOne());
            assertThat(fetched.runId()).isEqualTo(runId).isEqualTo("c20251022T1400");
            assertThat(fetched.bookingsByStatus()).isEqualTo(Map.of("RC03", 6));
            assertThat(fetched.skipped()).isEqualTo(expectedSkips);
            BookingSnapshot chunk = rig.snapshots(store).stream().collect(onlyOne());
            assertThat(chunk.skipped()).isEqualTo(expectedSkips);
            assertThat(chunk.bookings()).extracting(Booking::bookingId)
                    .containsExactlyInAnyOrder("9000", "9001", "9002", "9003", "9004", null);
            assertThat(chunk.bookings()).filteredOn(b -> b.bookingId() == null).singleElement()
                    .satisfies(b -> assertThat(b.startAt()).isEqualTo(CYCLE.plus(Duration.ofDays(3))));
        }
    }

    private static <T> java.util.stream.Collector<T, ?, T> onlyOne() {
        return Collectors.collectingAndThen(Collectors.toList(), l -> {
            assertThat(l).hasSize(1);
            return l.get(0);
        });
    }
}
