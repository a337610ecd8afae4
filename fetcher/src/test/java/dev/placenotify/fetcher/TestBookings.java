package dev.placenotify.fetcher;

import dev.placenotify.model.Messages;
import dev.placenotify.testsupport.sim.NaverBookingJson;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bookings in Naver's JSON shape for the fetcher's tests, around one cycle (2025-10-22 14:00 in Korea). Public:
 * local's fetcher tests that need the planner or the renewal function too use them through this module's test jar.
 */
public final class TestBookings {
    public static final Instant CYCLE = ZonedDateTime.of(2025, 10, 22, 14, 0, 0, 0, Messages.KST).toInstant();
    public static final LocalDate TODAY = LocalDate.of(2025, 10, 22);

    private TestBookings() {}

    /** {@code count} bookings of one status, starting at 10:00-20:00 KST over the next 13 days. */
    public static List<Map<String, Object>> bookings(String store, long firstId, int count, String status) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Instant start = TODAY.plusDays(1 + i % 13).atTime(10 + i % 11, (i % 2) * 30).atZone(Messages.KST).toInstant();
            out.add(booking(store, firstId + i, status, start));
        }
        return out;
    }

    /** One booking (a mutable map, so a test can break it), registered three days before the cycle. */
    public static Map<String, Object> booking(String store, long id, String status, Instant start) {
        return new LinkedHashMap<>(NaverBookingJson.of(id, store, "키즈룸 2시간", status, "김민수",
                String.format("010-%04d-%04d", id % 10_000, (id * 7) % 10_000), 2, CYCLE.minus(Duration.ofDays(3)), start,
                Duration.ofHours(2)));
    }
}
