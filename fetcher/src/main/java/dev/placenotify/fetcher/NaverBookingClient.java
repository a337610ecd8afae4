package dev.placenotify.fetcher;

import dev.placenotify.session.NaverSession;
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
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The Naver partner bookings list: every page (50 a page) of every requested status in every
 * 31-day slice of the window, with timeouts, back-off on 5xx, 429 and connection errors, and pacing.
 * Every request carries the partner console's headers ({@link NaverConsoleHeaders}) and a {@code noCache}
 * parameter, as the console's do. An answer that is not a bookings array (401/403, a redirect, an error object,
 * a login page) is a {@link NotABookingListException}, never retried here: the caller decides what it means.
 */
public final class NaverBookingClient {
    static final int PAGE_SIZE = 50;
    /** 10,000 bookings of one status in one 31-day slice: beyond that, Naver is not paging (a loop), not busy. */
    static final int MAX_PAGES_PER_QUERY = 200;
    private static final DateTimeFormatter NAVER_INSTANT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(java.time.ZoneOffset.UTC);

    private final HttpClient http;
    private final URI baseUrl;
    private final Duration timeout;
    private final int maxAttempts;
    private final Duration backoffBase;
    private final RequestPacer pacer;
    private final int parallelQueries;
    private final String userAgent;

    public NaverBookingClient(HttpClient http, URI baseUrl, Duration timeout, int maxAttempts, Duration backoffBase,
                              RequestPacer pacer, int parallelQueries, String userAgent) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.timeout = timeout;
        this.maxAttempts = Math.max(1, maxAttempts);
        this.backoffBase = backoffBase;
        this.pacer = pacer;
        this.parallelQueries = Math.max(1, parallelQueries);
        this.userAgent = userAgent;
    }

    /** What one store's fetch produced. Bookings are unique by id; later statuses win. */
    public record FetchResult(List<Booking> bookings, List<SkippedItem> skipped, int pages) {}

    /**
     * Every page of every (status, slice) query. The queries are independent, so up to
     * {@code parallelQueries} of them run at once (the pacer still spaces the store's requests); pages of
     * one query run in order, since only a short page says there are no more. Results are merged in query
     * order, so the outcome does not depend on which query answered first.
     */
    public FetchResult fetch(NaverSession session, String businessId, List<StatusQuery> queries)
            throws NotABookingListException {
        List<StatusQuery> chains = new ArrayList<>();
        for (StatusQuery q : queries) {
            for (DateWindow slice : q.window().slices(DateWindow.MAX_DAYS_PER_QUERY)) {
                chains.add(new StatusQuery(q.status(), slice));
            }
        }
        List<ChainResult> results = chains.size() == 1 || parallelQueries == 1
                ? runInOrder(session, businessId, chains)
                : runConcurrently(session, businessId, chains);
        Map<String, Booking> byId = new LinkedHashMap<>();
        List<Booking> withoutId = new ArrayList<>();
        List<SkippedItem> skipped = new ArrayList<>();
        int pages = 0;
        for (ChainResult r : results) {
            pages += r.pages();
            for (Booking b : r.bookings()) {
                if (b.bookingId() == null) {
                    withoutId.add(b);
                } else {
                    byId.put(b.bookingId(), b);
                }
            }
            skipped.addAll(r.skipped());
        }
        List<Booking> all = new ArrayList<>(byId.values());
        all.addAll(withoutId); // the planner reports them as malformed, with the reason
        return new FetchResult(all, skipped, pages);
    }

    private record ChainResult(List<Booking> bookings, List<SkippedItem> skipped, int pages) {}

    private List<ChainResult> runInOrder(NaverSession session, String businessId, List<StatusQuery> chains)
            throws NotABookingListException {
        List<ChainResult> results = new ArrayList<>();
        for (StatusQuery chain : chains) {
            results.add(allPages(session, businessId, chain));
        }
        return results;
    }

    private List<ChainResult> runConcurrently(NaverSession session, String businessId, List<StatusQuery> chains)
            throws NotABookingListException {
        Semaphore permits = new Semaphore(parallelQueries);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<ChainResult>> futures = new ArrayList<>();
            for (StatusQuery chain : chains) {
                futures.add(threads.submit(() -> {
                    permits.acquire();
                    try {
                        return allPages(session, businessId, chain);
                    } finally {
                        permits.release();
                    }
                }));
            }
            List<ChainResult> results = new ArrayList<>();
            Throwable failure = null;
            for (Future<ChainResult> f : futures) {
                try {
                    results.add(f.get());
                } catch (ExecutionException e) {
                    failure = moreTelling(failure, e.getCause());
                    futures.forEach(other -> other.cancel(true)); // no point finishing the others
                } catch (CancellationException cancelledAfterFailure) {
                    // its result is not needed: the fetch fails anyway
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    futures.forEach(other -> other.cancel(true));
                    throw new NaverUnavailableException("interrupted", e);
                }
            }
            if (failure instanceof NotABookingListException expired) {
                throw expired;
            }
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (failure != null) {
                throw new NaverUnavailableException(failure.toString(), failure);
            }
            return results;
        }
    }

    /** An expired session explains every other failure of the same fetch, so it wins. */
    private static Throwable moreTelling(Throwable current, Throwable next) {
        if (current instanceof NotABookingListException) {
            return current;
        }
        if (next instanceof NotABookingListException || current == null) {
            return next;
        }
        // "interrupted" is only the echo of a cancellation: keep the original failure.
        return current instanceof NaverUnavailableException n && "interrupted".equals(n.getMessage()) ? next : current;
    }

    private ChainResult allPages(NaverSession session, String businessId, StatusQuery q) throws NotABookingListException {
        List<Booking> bookings = new ArrayList<>();
        List<SkippedItem> skipped = new ArrayList<>();
        for (int page = 0; ; page++) {
            if (page >= MAX_PAGES_PER_QUERY) {
                throw new NaverUnavailableException("store " + businessId + ": " + q.status() + " " + q.window()
                        + " still returned full pages after " + MAX_PAGES_PER_QUERY + " pages; refusing to page on", null);
            }
            BookingPage result = NaverBookingParser.parse(get(session, businessId, q.status(), q.window(), page));
            bookings.addAll(result.bookings());
            skipped.addAll(result.skipped());
            if (result.entries() < PAGE_SIZE) {
                return new ChainResult(bookings, skipped, page + 1);
            }
        }
    }

    /** One status over one window; the fetcher asks for confirmed, cancelled and completed bookings. */
    public record StatusQuery(String status, DateWindow window) {}

    private String get(NaverSession session, String businessId, String status, DateWindow slice, int page)
            throws NotABookingListException {
        Instant start = slice.from().atStartOfDay(Messages.KST).toInstant();
        Instant end = slice.to().plusDays(1).atStartOfDay(Messages.KST).toInstant().minusMillis(1);
        String query = "bizItemTypes=STANDARD&bookingStatusCodes=" + enc(status) + "&dateDropdownType=DIRECT"
                + "&dateFilter=USEDATE&startDateTime=" + enc(NAVER_INSTANT.format(start))
                + "&endDateTime=" + enc(NAVER_INSTANT.format(end)) + "&maxDays=" + DateWindow.MAX_DAYS_PER_QUERY
                + "&orderByStartDate=ASC&page=" + page + "&size=" + PAGE_SIZE;
        RuntimeException last = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            pacer.await(businessId);
            // As the console does: a fresh cache buster on every request, so no cache between us and Naver answers.
            URI uri = baseUrl.resolve("/api/businesses/" + enc(businessId) + "/bookings?" + query
                    + "&noCache=" + System.currentTimeMillis());
            HttpRequest request = NaverConsoleHeaders.apply(HttpRequest.newBuilder(uri).timeout(timeout).GET(), businessId,
                    userAgent, session).build();
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                int code = response.statusCode();
                if (code == 401 || code == 403 || (code >= 300 && code < 400)) {
                    throw new NotABookingListException("Naver answered HTTP " + code + " instead of the bookings"
                            + (code >= 300 && code < 400 ? " (a redirect to " + response.headers().firstValue("Location")
                            .map(l -> l.replaceAll("\\?.*", "")).orElse("nowhere") + ")" : ": " + abbreviate(response.body())));
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
            throw new NaverUnavailableException("interrupted", e);
        }
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
