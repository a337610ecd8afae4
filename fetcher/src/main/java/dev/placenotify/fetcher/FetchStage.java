package dev.placenotify.fetcher;

import dev.placenotify.fetcher.FetchFigures.FetchError;
import dev.placenotify.fetcher.NaverBookingClient.FetchResult;
import dev.placenotify.model.Alert;
import dev.placenotify.model.AlertCause;
import dev.placenotify.model.Booking;
import dev.placenotify.model.BookingSnapshot;
import dev.placenotify.model.FetchRequest;
import dev.placenotify.model.Messages;
import dev.placenotify.model.StoreCatalog;
import dev.placenotify.model.StoreFetchFailed;
import dev.placenotify.model.StoreFetched;
import dev.placenotify.model.StoreSettings;
import dev.placenotify.shell.QueuePublisher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One store's fetch: session → Naver → snapshot chunks → accounting. Never touches booking state: a
 * store whose fetch fails publishes no snapshot at all, so the planner sees nothing of it.
 */
public final class FetchStage {
    private static final Logger LOG = LoggerFactory.getLogger(FetchStage.class);

    private final StoreCatalog stores;
    private final SessionStore sessions;
    private final SessionRenewal renewal;
    private final NaverBookingClient naver;
    private final SnapshotChunker chunker;
    private final QueuePublisher snapshots;
    private final QueuePublisher results;
    private final FetchMetrics metrics;
    private final int maxReceives;
    private final Clock clock;

    public FetchStage(StoreCatalog stores, SessionStore sessions, SessionRenewal renewal, NaverBookingClient naver,
                      SnapshotChunker chunker, QueuePublisher snapshots, QueuePublisher results, FetchMetrics metrics,
                      int maxReceives, Clock clock) {
        this.stores = stores;
        this.sessions = sessions;
        this.renewal = renewal;
        this.naver = naver;
        this.chunker = chunker;
        this.snapshots = snapshots;
        this.results = results;
        this.metrics = metrics;
        this.maxReceives = maxReceives;
        this.clock = clock;
    }

    public void fetch(FetchRequest request, int receiveCount) {
        StoreSettings store = stores.require(request.storeId());
        long started = System.nanoTime();
        try {
            fetchStore(request, store, started);
        } catch (RuntimeException e) {
            metrics.record(FetchFigures.failed(request.runId(), store.storeId(), store.accountId(), millisSince(started),
                    0, errorKind(e)));
            if (receiveCount >= maxReceives) {
                // Last delivery before the DLQ: tell the notifier so the summary names this store.
                results.publish(new StoreFetchFailed(Messages.SCHEMA_VERSION, request.runId(), request.storeId(),
                        e.getMessage()));
            }
            throw e;
        }
    }

    private void fetchStore(FetchRequest request, StoreSettings store, long started) {
        FetchResult result;
        try {
            result = fetchWithSession(request, store);
        } catch (SessionUnavailableException e) {
            String detail = e.getMessage() + " (store " + store.storeId() + ")";
            results.publish(Alert.of(request.runId(), e.alertCause(), store.accountId(), detail, clock.instant()));
            throw new NoUsableSessionException(detail, e);
        }
        Instant fetchedAt = clock.instant();
        List<BookingSnapshot> chunks = chunker.split(request, fetchedAt, result.bookings(), result.skipped());
        snapshots.publishAll(chunks);
        long millis = millisSince(started);
        Map<String, Integer> byStatus = countByStatus(result.bookings());
        results.publish(new StoreFetched(Messages.SCHEMA_VERSION, request.runId(), request.storeId(), chunks.size(),
                byStatus, result.skipped(), millis, result.pages()));
        metrics.record(new FetchFigures(request.runId(), store.storeId(), store.accountId(), millis, result.pages(),
                byStatus, result.skipped().size(), chunks.size(), null));
        LOG.info("store {} fetched ({}): {} bookings {}, {} skipped, {} pages, {} chunks in {} ms", store.storeId(),
                request.mode(), result.bookings().size(), byStatus, result.skipped().size(), result.pages(),
                chunks.size(), millis);
    }

    /** Fetches with the account's session; on expiry marks it, renews it (strategy) and fetches once more. */
    private FetchResult fetchWithSession(FetchRequest request, StoreSettings store) throws SessionUnavailableException {
        String account = store.accountId();
        NaverSession session = usableSession(account);
        try {
            FetchResult result = naver.fetch(session, store.storeId(), FetchQueries.forRequest(request));
            sessions.markValidated(session, clock.instant());
            return result;
        } catch (SessionExpiredException expired) {
            NaverSession renewed = afterExpiry(session, expired);
            try {
                FetchResult result = naver.fetch(renewed, store.storeId(), FetchQueries.forRequest(request));
                sessions.markValidated(renewed, clock.instant());
                return result;
            } catch (SessionExpiredException again) {
                sessions.markExpired(renewed, clock.instant());
                throw new SessionUnavailableException(AlertCause.SESSION_EXPIRED, "Naver rejected the renewed session"
                        + " of account " + account + " too: " + again.getMessage());
            }
        }
    }

    private NaverSession usableSession(String account) throws SessionUnavailableException {
        Optional<NaverSession> found = sessions.find(account);
        if (found.isPresent() && found.get().valid()) {
            return found.get();
        }
        return renewal.renew(account, found);
    }

    private NaverSession afterExpiry(NaverSession used, SessionExpiredException expired)
            throws SessionUnavailableException {
        String account = used.accountId();
        boolean marked = sessions.markExpired(used, clock.instant());
        LOG.warn("Naver session of account {} rejected: {}{}", account, expired.getMessage(),
                marked ? "; marked expired" : "; the session item changed meanwhile");
        Optional<NaverSession> current = sessions.find(account);
        if (current.isPresent() && current.get().valid() && current.get().version() != used.version()) {
            return current.get(); // renewed or imported since this fetch read it
        }
        try {
            return renewal.renew(account, current);
        } catch (SessionUnavailableException e) {
            throw new SessionUnavailableException(e.alertCause(), e.getMessage() + " [Naver: " + expired.getMessage() + "]");
        }
    }

    private static FetchError errorKind(RuntimeException e) {
        if (e instanceof NoUsableSessionException) {
            return FetchError.SESSION;
        }
        if (e instanceof NaverUnavailableException) {
            return FetchError.NAVER_UNAVAILABLE;
        }
        return FetchError.OTHER;
    }

    private static long millisSince(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos).toMillis();
    }

    private static Map<String, Integer> countByStatus(List<Booking> bookings) {
        Map<String, Integer> counts = new TreeMap<>();
        for (Booking b : bookings) {
            counts.merge(b.status() == null ? "UNKNOWN" : b.status(), 1, Integer::sum);
        }
        return counts;
    }

    /** The store's fetch failed for want of a session; SQS redelivers it, then the DLQ takes it. */
    static final class NoUsableSessionException extends IllegalStateException {
        NoUsableSessionException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
