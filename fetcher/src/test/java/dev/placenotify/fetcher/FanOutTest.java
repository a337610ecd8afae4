package dev.placenotify.fetcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.placenotify.model.DateWindow;
import dev.placenotify.model.FetchMode;
import dev.placenotify.model.FetchRequest;
import dev.placenotify.model.StoreSettings;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class FanOutTest {
    private static final Instant CYCLE = Instant.parse("2025-10-22T05:00:00Z");

    @Test
    void theRunIdIsTheCycleTimeInKoreanTime() {
        assertThat(FanOut.runIdFor(CYCLE)).isEqualTo("c20251022T1400");
        assertThat(FanOut.runIdFor(Instant.parse("2025-10-22T15:20:00Z"))).isEqualTo("c20251023T0020");
    }

    @Test
    void aScheduleThatFiresTwiceForOneTickLandsInTheSameRun() {
        // The handler truncates the event time to the minute; both deliveries name the same scheduled time.
        assertThat(FanOut.runIdFor(CYCLE)).isEqualTo(FanOut.runIdFor(Instant.parse("2025-10-22T05:00:00Z")));
        assertThat(FanOut.runIdFor(CYCLE)).isNotEqualTo(FanOut.runIdFor(CYCLE.plusSeconds(20 * 60)));
    }

    @Test
    void oneNormalRequestPerStoreWithTheScheduledWindowAndCycleTime() {
        List<StoreSettings> stores = List.of(store("1051707"), store("951291"), store("867589"));

        List<FetchRequest> requests = FanOut.requests("c20251022T1400", CYCLE, stores, 14);

        assertThat(requests).extracting(FetchRequest::storeId).containsExactly("1051707", "951291", "867589");
        LocalDate today = LocalDate.of(2025, 10, 22);
        assertThat(requests).allSatisfy(r -> {
            assertThat(r.runId()).isEqualTo("c20251022T1400");
            assertThat(r.mode()).isEqualTo(FetchMode.NORMAL);
            assertThat(r.cycleAt()).isEqualTo(CYCLE);
            assertThat(r.window()).isEqualTo(new DateWindow(today, today.plusDays(14)));
        });
    }

    @Test
    void noStoresNoRequests() {
        assertThat(FanOut.requests("c20251022T1400", CYCLE, List.of(), 14)).isEmpty();
    }

    private static StoreSettings store(String id) {
        return new StoreSettings(id, null, null, "0311234567", null, null, null, null, null, null);
    }
}
