package dev.placenotify.fetcher;

import java.util.List;
import java.util.Map;

/** What one store's fetch measured; {@code error} is null for a success. */
public record FetchFigures(String runId, String storeId, String accountId, long durationMillis, int pages,
                           Map<String, Integer> bookingsByStatus, int skipped, int chunks, FetchError error) {
    /** Why a fetch failed, as a metric dimension-free label (the detail is in the log and the alert). */
    public enum FetchError { SESSION, NAVER_UNAVAILABLE, NAVER_REFUSED, OTHER }

    /** The statuses the fetcher asks for: always reported, zero when absent, so a dashboard sees zeros. */
    static final List<String> STATUSES = List.of(FetchQueries.CONFIRMED, FetchQueries.CANCELLED,
            FetchQueries.COMPLETED);

    public static FetchFigures failed(String runId, String storeId, String accountId, long durationMillis, int pages,
                                      FetchError error) {
        return new FetchFigures(runId, storeId, accountId, durationMillis, pages, Map.of(), 0, 0, error);
    }

    public boolean ok() {
        return error == null;
    }

    public int bookings(String status) {
        return bookingsByStatus.getOrDefault(status, 0);
    }
}
