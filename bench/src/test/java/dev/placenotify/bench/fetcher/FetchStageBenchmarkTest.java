package dev.placenotify.bench.fetcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.placenotify.testsupport.LocalAwsExtension;
import dev.placenotify.testsupport.aws.LocalAws;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The benchmark's wiring and its request arithmetic, so its "4 s per store fetch" and figures stay what they claim. */
@ExtendWith(LocalAwsExtension.class)
class FetchStageBenchmarkTest {

    @Test
    void aStoreCostsOneRequestPerStatusAndPageOfFifty() {
        Map<String, List<Map<String, Object>>> stores = FetchStageBenchmark.generated(1, 60);
        List<Map<String, Object>> bookings = stores.values().iterator().next();

        // 58 confirmed (two pages), 2 completed, no cancelled: 2 + 1 + 1.
        assertThat(FetchStageBenchmark.expectedRequests(bookings)).isEqualTo(4);
    }

    @Test
    void aSmallBackfillFetchesEveryStoreThroughTheWholePipeline(LocalAws aws) {
        Map<String, List<Map<String, Object>>> stores = FetchStageBenchmark.generated(3, 4);

        FetchStageBenchmark.Figures f = FetchStageBenchmark.run(aws, "3 stores x 4 bookings", stores,
                FetchStageBenchmark.Latency.NONE, true);

        // Confirmed, cancelled and completed asked once each per store; the warm-up's requests are not counted.
        assertThat(f.requests()).isEqualTo(9);
    }
}
