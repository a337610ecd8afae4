package dev.placenotify.operator.rules;

import dev.placenotify.fetcher.FetchQueries;
import dev.placenotify.fetcher.NaverBookingClient;
import dev.placenotify.session.NaverSession;
import dev.placenotify.fetcher.RequestPacer;
import dev.placenotify.fetcher.NaverConsoleHeaders;
import dev.placenotify.fetcher.NotABookingListException;
import dev.placenotify.session.SessionStore;
import dev.placenotify.model.FetchMode;
import dev.placenotify.model.FetchRequest;
import dev.placenotify.model.StoreSettings;
import dev.placenotify.operator.OperatorException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * A store's bookings as a scheduled cycle at {@code at} would fetch them: the fetcher's own Naver client
 * and queries (confirmed and cancelled over the schedule's window, completed up to the cycle's day),
 * (console headers with the fetcher's default user agent) with the account's session from the sessions
 * table. Strictly read-only: a session Naver rejects is reported, never marked expired, validated or
 * renewed (that is the fetcher's job, and a preview must not race it).
 */
final class NaverBookings {
    /** The fetcher's own defaults (FetcherConfig): timeout, attempts, back-off, pace, parallel queries. */
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int ATTEMPTS = 3;
    private static final Duration BACKOFF = Duration.ofMillis(500);
    private static final double REQUESTS_PER_SECOND = 5;
    private static final int PARALLEL_QUERIES = 4;

    private final SessionStore sessions;
    private final NaverBookingClient naver;
    private final int horizonDays;
    private final Map<String, NaverSession> byAccount = new HashMap<>();

    NaverBookings(SessionStore sessions, URI naverBaseUrl, int horizonDays) {
        this.sessions = sessions;
        // Redirects are not followed: a redirect to the login page is how an expired session shows.
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.naver = new NaverBookingClient(http, naverBaseUrl, TIMEOUT, ATTEMPTS, BACKOFF,
                new RequestPacer(REQUESTS_PER_SECOND), PARALLEL_QUERIES, NaverConsoleHeaders.DEFAULT_USER_AGENT);
        this.horizonDays = horizonDays;
    }

    NaverBookingClient.FetchResult fetch(StoreSettings store, Instant at) {
        NaverSession session = session(store);
        FetchRequest request = FetchRequest.of("preview", store.storeId(),
                FetchQueries.scheduledWindow(at, horizonDays), FetchMode.NORMAL, at);
        try {
            return naver.fetch(session, store.storeId(), FetchQueries.forRequest(request));
        } catch (NotABookingListException e) {
            throw new OperatorException("Naver rejected the session of account " + store.accountId() + " (store "
                    + store.storeId() + "): " + e.getMessage() + ". Usually the login has expired; the preview leaves the"
                    + " session as it is: check it with 'session check --account " + store.accountId() + "' and import"
                    + " fresh cookies with 'session import'");
        } catch (RuntimeException e) {
            throw new OperatorException("cannot read store " + store.storeId() + "'s bookings from Naver: " + e.getMessage(), e);
        }
    }

    private NaverSession session(StoreSettings store) {
        return byAccount.computeIfAbsent(store.accountId(), account -> {
            NaverSession s = sessions.find(account).orElseThrow(() -> new OperatorException("no Naver session stored for"
                    + " account " + account + " (store " + store.storeId() + "): import one with 'session import --account "
                    + account + " --cookies FILE'"));
            if (!s.valid()) {
                throw new OperatorException("the Naver session of account " + account + " is " + s.status()
                        + (s.loginBlocked() == null ? "" : ", automated login blocked") + ": the preview cannot read"
                        + " bookings until the fetcher renews it or someone imports fresh cookies ('session import')");
            }
            return s;
        });
    }
}
