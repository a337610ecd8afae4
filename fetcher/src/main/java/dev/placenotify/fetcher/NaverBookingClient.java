package dev.placenotify.fetcher;

import dev.placenotify.model.Booking;
import dev.placenotify.model.DateWindow;
import dev.placenotify.model.Messages;
import dev.placenotify.model.SkippedItem;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The Naver partner bookings list: every page (50 a page) of every requested status in every
 * 31-day slice of the window, with timeouts, back-off on 5xx and connection errors, and pacing.
 */
public final class NaverBookingClient {
    static final int PAGE_SIZE = 50;
    private static final DateTimeFormatter NAVER_INSTANT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(java.time.ZoneOffset.UTC);

    private final HttpClient http;
    private final URI baseUrl;
    private final Duration timeout;
    private final int maxAttempts;
    private final Duration backoffBase;
    private final RequestPacer pacer;

    public NaverBookingClient(HttpClient http, URI baseUrl, Duration timeout, int maxAttempts, Duration backoffBase,
                              RequestPacer pacer) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.timeout = timeout;
        this.maxAttempts = Math.max(1, maxAttempts);
        this.backoffBase = backoffBase;
        this.pacer = pacer;
    }

    /** What one store's fetch produced. Bookings are unique by id; later statuses win. */
    public record FetchResult(List<Booking> bookings, List<SkippedItem> skipped, int pages) {}

    public FetchResult fetch(NaverSession session, String businessId, List<StatusQuery> queries)
            throws SessionExpiredException {
        Map<String, Booking> byId = new LinkedHashMap<>();
        List<Booking> withoutId = new ArrayList<>();
        List<SkippedItem> skipped = new ArrayList<>();
        int pages = 0;
        for (StatusQuery q : queries) {
            for (DateWindow slice : q.window().slices(DateWindow.MAX_DAYS_PER_QUERY)) {
                for (int page = 0; ; page++) {
                    BookingPage result = NaverBookingParser.parse(get(session, businessId, q.status(), slice, page));
                    pages++;
                    for (Booking b : result.bookings()) {
                        if (b.bookingId() == null) {
                            withoutId.add(b);
                        } else {
                            byId.put(b.bookingId(), b);
                        }
                    }
                    skipped.addAll(result.skipped());
                    if (result.entries() < PAGE_SIZE) {
                        break;
                    }
                }
            }
        }
        List<Booking> all = new ArrayList<>(byId.values());
        all.addAll(withoutId); // the planner reports them as malformed, with the reason
        return new FetchResult(all, skipped, pages);
    }

    /** One status over one window; the fetcher asks for confirmed, cancelled and completed bookings. */
    public record StatusQuery(String status, DateWindow window) {}

    private String get(NaverSession session, String businessId, String status, DateWindow slice, int page)
            throws SessionExpiredException {
        Instant start = slice.from().atStartOfDay(Messages.KST).toInstant();
        Instant end = slice.to().plusDays(1).atStartOfDay(Messages.KST).toInstant().minusMillis(1);
        String query = "bizItemTypes=STANDARD&bookingStatusCodes=" + enc(status) + "&dateDropdownType=DIRECT"
                + "&dateFilter=USEDATE&startDateTime=" + enc(NAVER_INSTANT.format(start))
                + "&endDateTime=" + enc(NAVER_INSTANT.format(end)) + "&maxDays=" + DateWindow.MAX_DAYS_PER_QUERY
                + "&orderByStartDate=ASC&page=" + page + "&size=" + PAGE_SIZE;
        URI uri = baseUrl.resolve("/api/businesses/" + enc(businessId) + "/bookings?" + query);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET()
                .header("Cookie", session.cookieHeader())
                .header("Accept", "application/json").build();
        RuntimeException last = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            pacer.await(businessId);
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                int code = response.statusCode();
                if (code == 401 || code == 403 || (code >= 300 && code < 400)) {
                    throw new SessionExpiredException("Naver answered HTTP " + code + " (session no longer valid)");
                }
                if (code >= 500 || code == 429) {
                    last = new NaverUnavailableException("Naver answered HTTP " + code, null);
                } else if (code >= 400) {
                    throw new NaverUnavailableException("Naver refused the query with HTTP " + code + ": "
                            + abbreviate(response.body()), null);
                } else {
                    return response.body();
                }
            } catch (HttpTimeoutException e) {
                last = new NaverUnavailableException("Naver did not answer within " + timeout, e);
            } catch (IOException e) {
                last = new NaverUnavailableException("cannot reach Naver: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NaverUnavailableException("interrupted", e);
            }
            if (attempt < maxAttempts) {
                sleepBackoff(attempt);
            }
        }
        throw new NaverUnavailableException("store " + businessId + ": " + last.getMessage() + " after " + maxAttempts
                + " attempts", last);
    }

    private void sleepBackoff(int attempt) {
        long base = backoffBase.toMillis() * (1L << (attempt - 1));
        long jittered = base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
        try {
            Thread.sleep(jittered);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
