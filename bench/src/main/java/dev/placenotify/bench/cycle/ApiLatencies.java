package dev.placenotify.bench.cycle;

import dev.placenotify.local.LocalPipeline;
import dev.placenotify.testsupport.sim.BookingListRequest;
import dev.placenotify.testsupport.sim.NaverBookingSimulator;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Simulated latencies of the external APIs, defaulting to the legacy's measured figures: Naver 4 s per
 * store fetch, SENS 342 ms per request, Telegram 156 ms, Slack 203 ms.
 *
 * <p>A store's fetch is several Naver requests (one per status queried and page), so the 4 s are
 * divided among the requests the fetcher will make for that store: every status (confirmed, cancelled,
 * completed) costs {@code count / 50 + 1} pages. {@link #naverTimePerStore} checks afterwards what the
 * stores really cost, so a fetcher that starts asking differently shows up in the report.
 */
public record ApiLatencies(Duration naverPerStore, Duration sens, Duration telegram, Duration slack) {
    public static final ApiLatencies LEGACY = new ApiLatencies(Duration.ofMillis(4000), Duration.ofMillis(342),
            Duration.ofMillis(156), Duration.ofMillis(203));
    public static final ApiLatencies NONE = new ApiLatencies(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);
    private static final List<String> QUERIED_STATUSES = List.of("RC03", "RC04", "RC08");
    private static final Pattern STORE = Pattern.compile("^/api/businesses/([^/]+)/bookings/?$");

    /** Sets the simulators' latencies for this workload's Naver data. */
    public void apply(LocalPipeline pipeline, BenchWorkload workload) {
        Map<String, Duration> perRequest = new HashMap<>();
        workload.atCycle().forEach((store, bookings) ->
                perRequest.put(store, naverPerStore.dividedBy(expectedRequests(bookings))));
        Duration fallback = naverPerStore.dividedBy(QUERIED_STATUSES.size());
        pipeline.naver.setLatencyPerRequest(request -> {
            Matcher m = STORE.matcher(request.path());
            return m.matches() ? perRequest.getOrDefault(m.group(1), fallback) : Duration.ZERO;
        });
        pipeline.sens.setLatency(sens);
        pipeline.telegram.setLatency(telegram);
        pipeline.slack.setLatency(slack);
        pipeline.secrets.setLatency(Duration.ZERO);
    }

    static int expectedRequests(List<Map<String, Object>> bookings) {
        int requests = 0;
        for (String status : QUERIED_STATUSES) {
            long n = bookings.stream().filter(b -> status.equals(b.get("bookingStatusCode"))).count();
            requests += (int) (n / NaverBookingSimulator.MAX_PAGE_SIZE) + 1;
        }
        return requests;
    }

    /** Simulated Naver time each store's fetch really took: requests received × that store's per-request latency. */
    public Map<String, Duration> naverTimePerStore(List<BookingListRequest> requests, BenchWorkload workload) {
        Map<String, Integer> count = new HashMap<>();
        requests.forEach(r -> count.merge(r.businessId(), 1, Integer::sum));
        Map<String, Duration> time = new HashMap<>();
        count.forEach((store, n) -> {
            List<Map<String, Object>> bookings = workload.atCycle().get(store);
            if (bookings != null) {
                time.put(store, naverPerStore.dividedBy(expectedRequests(bookings)).multipliedBy(n));
            }
        });
        return time;
    }

    /** Per store, first request's arrival to last request's answer: what the store's fetch waited for Naver. */
    public Map<String, Duration> naverWallPerStore(List<BookingListRequest> requests, BenchWorkload workload) {
        Map<String, java.time.Instant[]> span = new HashMap<>();
        requests.forEach(r -> span.merge(r.businessId(), new java.time.Instant[] {r.receivedAt(), r.receivedAt()},
                (a, b) -> new java.time.Instant[] {a[0].isBefore(b[0]) ? a[0] : b[0], a[1].isAfter(b[1]) ? a[1] : b[1]}));
        Map<String, Duration> wall = new HashMap<>();
        span.forEach((store, s) -> {
            List<Map<String, Object>> bookings = workload.atCycle().get(store);
            if (bookings != null) {
                wall.put(store, Duration.between(s[0], s[1]).plus(naverPerStore.dividedBy(expectedRequests(bookings))));
            }
        });
        return wall;
    }

    @Override
    public String toString() {
        return "Naver " + naverPerStore.toMillis() + " ms per store fetch, SENS " + sens.toMillis() + " ms, Telegram "
                + telegram.toMillis() + " ms, Slack " + slack.toMillis() + " ms per request";
    }
}
