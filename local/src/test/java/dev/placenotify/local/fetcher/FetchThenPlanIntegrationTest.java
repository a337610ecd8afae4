package dev.placenotify.local.fetcher;

import static dev.placenotify.fetcher.TestBookings.CYCLE;
import static dev.placenotify.fetcher.TestBookings.booking;
import static dev.placenotify.fetcher.TestBookings.bookings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.placenotify.fetcher.FetchQueries;
import dev.placenotify.model.ChunkPlanned;
import dev.placenotify.model.FetchMode;
import dev.placenotify.model.SkippedItem;
import dev.placenotify.model.StoreFetched;
import dev.placenotify.testsupport.LocalAwsExtension;
import dev.placenotify.testsupport.aws.LocalAws;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What only the fetcher and the planner together show: a fetch-time skip reaches the planner's report, and a store
 * chunked into several snapshots is planned completely. What the fetcher publishes (the skip and its reason, the
 * chunks, their sizes and indexes) is asserted in the fetcher module's own shell tests ({@code NaverFetchShellTest}).
 */
@ExtendWith(LocalAwsExtension.class)
class FetchThenPlanIntegrationTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void aMalformedBookingsSkipReasonReachesThePlannersReportAndTheGoodOnesArePlanned(LocalAws aws) {
        String store = "3100005";
        try (FetcherRig rig = FetcherRig.start(aws, FetcherRig.options("malformed", store), CYCLE).withPlanner()) {
            List<Map<String, Object>> bookings = new ArrayList<>(bookings(store, 9_000, 5, "RC03"));
            Map<String, Object> unreadable = booking(store, 9_100, "RC03", CYCLE.plus(Duration.ofDays(2)));
            unreadable.put("snapshotJson", Map.of("startDateTime", "tomorrow at ten"));
            bookings.add(2, unreadable);
            rig.pipeline.naver.setBookings(store, bookings);

            rig.tick(CYCLE);

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
    void aStoreOf1200BookingsInSeveralChunksIsPlannedCompletely(LocalAws aws) {
        String store = "3100006";
        try (FetcherRig rig = FetcherRig.start(aws, FetcherRig.options("large", store), CYCLE).withPlanner()) {
            rig.pipeline.naver.setBookings(store, bookings(store, 100_000, 1_200, "RC03"));

            rig.backfill("b-large", CYCLE, List.of(store), FetchQueries.scheduledWindow(CYCLE, 14), FetchMode.SEED);

            StoreFetched fetched = rig.await(StoreFetched.class, l -> !l.isEmpty(), WAIT).get(0);
            assertThat(fetched.chunkCount()).isGreaterThan(1);
            List<ChunkPlanned> planned = rig.await(ChunkPlanned.class, l -> l.size() >= fetched.chunkCount(), WAIT);
            assertThat(planned).extracting(ChunkPlanned::chunkIndex).doesNotHaveDuplicates().hasSize(fetched.chunkCount());
            assertThat(rig.bookingStates(store)).hasSize(1_200);
        }
    }
}
