package dev.placenotify.fetcher;

import java.util.function.Supplier;
import dev.placenotify.session.SessionStore;
import dev.placenotify.session.NaverSession;
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

    private final Supplier<StoreCatalog> stores;
    private final SessionStore sessions;
    private final SessionRenewal renewal;
    private final NaverBookingClient naver;
    private final NaverSessionCheck sessionCheck;
    private final SnapshotChunker chunker;
    private final QueuePublisher snapshots;
    private final QueuePublisher results;
    private final FetchMetrics metrics;
    private final int maxReceives;
    private final Clock clock;

    /** @param stores the store catalog now (live: read for every fetch, cached by its source) */
    public FetchStage(Supplier<StoreCatalog> stores, SessionStore sessions, SessionRenewal renewal, NaverBookingClient naver,
                      NaverSessionCheck sessionCheck, SnapshotChunker chunker, QueuePublisher snapshots, QueuePublisher results, FetchMetrics metrics,
                      int maxReceives, Clock clock) {
        this.stores = stores;
        this.sessions = sessions;
        this.renewal = renewal;
        this.naver = naver;
        this.sessionCheck = sessionCheck;
        this.chunker = chunker;
        this.snapshots = snapshots;
        this.results = results;
        this.metrics = metrics;
        this.maxReceives = maxReceives;
        this.clock = clock;
    }

    public void fetch(FetchRequest request, int receiveCount) {
        StoreSettings store = stores.get().require(request.storeId());
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
            if (e.raisesAlert()) {
                results.publish(Alert.of(request.runId(), e.alertCause(), store.accountId(), detail, clock.instant()));
            } else {
                LOG.warn("store {}: {}", store.storeId(), e.getMessage());
            }
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

    /**
     * Fetches with the account's session. When Naver answers without the bookings, the session check decides:
     * a login that is gone is marked expired, renewed (strategy) and the store fetched once more; a login that
     * still works (or a check that proves nothing) makes this the store's own failure, the session untouched.
     */
    private FetchResult fetchWithSession(FetchRequest request, StoreSettings store) throws SessionUnavailableException {
        String account = store.accountId();
        NaverSession session = usableSession(request.runId(), account);
        try {
            FetchResult result = naver.fetch(session, store.storeId(), FetchQueries.forRequest(request));
            sessions.markValidated(session, clock.instant());
            return result;
        } catch (NotABookingListException refused) {
            requireLoggedOut(session, store, refused);
            NaverSession renewed = afterExpiry(request.runId(), session, refused);
            try {
                FetchResult result = naver.fetch(renewed, store.storeId(), FetchQueries.forRequest(request));
                sessions.markValidated(renewed, clock.instant());
                return result;
            } catch (NotABookingListException again) {
                requireLoggedOut(renewed, store, again);
                sessions.markExpired(renewed, clock.instant());
                throw new SessionUnavailableException(AlertCause.SESSION_EXPIRED, "Naver rejected the renewed session"
                        + " of account " + account + " too: " + again.getMessage());
            }
        }
    }

    /**
     * Returns only when the account page shows the login is gone. Otherwise one store's query was refused (or the
     * check proved nothing): that store's fetch fails and is retried, and no other store is stopped.
     */
    private void requireLoggedOut(NaverSession session, StoreSettings store, NotABookingListException refused) {
        NaverSessionCheck.Verdict verdict = sessionCheck.check(session);
        switch (verdict) {
            case NaverSessionCheck.Verdict.LoggedOut out ->
                    LOG.info("store {}: {}; session check: {}", store.storeId(), refused.getMessage(), out.detail());
            case NaverSessionCheck.Verdict.Alive alive -> {
                LOG.warn("store {}: {}, but the session of account {} is valid ({}): this store's fetch fails, the"
                        + " session stays VALID", store.storeId(), refused.getMessage(), session.accountId(), alive.detail());
                throw new StoreRefusedException(refused.getMessage() + "; the session of account " + session.accountId()
                        + " is valid (" + alive.detail() + "), so only this store's fetch failed");
            }
            case NaverSessionCheck.Verdict.Inconclusive unsure -> {
                LOG.warn("store {}: {}, and the session check of account {} proved nothing ({}): not marked expired",
                        store.storeId(), refused.getMessage(), session.accountId(), unsure.detail());
                throw new StoreRefusedException(refused.getMessage() + "; the session check of account "
                        + session.accountId() + " could not tell whether the login is gone (" + unsure.detail()
                        + "), so the session was not marked expired");
            }
        }
    }

    private NaverSession usableSession(String runId, String account) throws SessionUnavailableException {
        Optional<NaverSession> found = sessions.find(account);
        if (found.isPresent() && found.get().valid()) {
            return found.get();
        }
        return renewal.renew(runId, account, found);
    }

    private NaverSession afterExpiry(String runId, NaverSession used, NotABookingListException expired)
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
            return renewal.renew(runId, account, current);
        } catch (SessionUnavailableException e) {
            throw new SessionUnavailableException(e.alertCause(), e.getMessage() + " [Naver: " + expired.getMessage() + "]",
                    e.raisesAlert());
        }
    }

    private static FetchError errorKind(RuntimeException e) {
        if (e instanceof NoUsableSessionException) {
            return FetchError.SESSION;
        }
        if (e instanceof NaverUnavailableException) {
            return FetchError.NAVER_UNAVAILABLE;
        }
        if (e instanceof StoreRefusedException) {
            return FetchError.NAVER_REFUSED;
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
