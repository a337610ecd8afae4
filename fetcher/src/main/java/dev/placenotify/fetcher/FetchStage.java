package dev.placenotify.fetcher;

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
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One store's fetch: session → Naver → snapshot chunks → accounting. Never touches booking state. */
public final class FetchStage {
    private static final Logger LOG = LoggerFactory.getLogger(FetchStage.class);

    private final StoreCatalog stores;
    private final SessionStore sessions;
    private final NaverBookingClient naver;
    private final SnapshotChunker chunker;
    private final QueuePublisher snapshots;
    private final QueuePublisher results;
    private final int maxReceives;
    private final Clock clock;

    public FetchStage(StoreCatalog stores, SessionStore sessions, NaverBookingClient naver, SnapshotChunker chunker,
                      QueuePublisher snapshots, QueuePublisher results, int maxReceives, Clock clock) {
        this.stores = stores;
        this.sessions = sessions;
        this.naver = naver;
        this.chunker = chunker;
        this.snapshots = snapshots;
        this.results = results;
        this.maxReceives = maxReceives;
        this.clock = clock;
    }

    public void fetch(FetchRequest request, int receiveCount) {
        StoreSettings store = stores.require(request.storeId());
        try {
            fetchStore(request, store);
        } catch (RuntimeException e) {
            if (receiveCount >= maxReceives) {
                // Last delivery before the DLQ: tell the notifier so the summary names this store.
                results.publish(new StoreFetchFailed(Messages.SCHEMA_VERSION, request.runId(), request.storeId(),
                        e.getMessage()));
            }
            throw e;
        }
    }

    private void fetchStore(FetchRequest request, StoreSettings store) {
        long started = System.nanoTime();
        NaverSession session = sessions.find(store.accountId())
                .orElseThrow(() -> sessionProblem(request, store, "no Naver session stored for account "
                        + store.accountId() + ": import cookies with the operator CLI ('session import')"));
        if (session.status() == NaverSession.SessionStatus.EXPIRED) {
            throw sessionProblem(request, store, "Naver session of account " + store.accountId()
                    + " is expired: import fresh cookies ('session import')");
        }
        FetchResult result;
        try {
            result = naver.fetch(session, store.storeId(), FetchQueries.forRequest(request));
        } catch (SessionExpiredException e) {
            sessions.markExpired(session, clock.instant());
            throw sessionProblem(request, store, e.getMessage() + "; account " + store.accountId() + " marked expired");
        }
        Instant fetchedAt = clock.instant();
        sessions.markValidated(session, fetchedAt);
        List<BookingSnapshot> chunks = chunker.split(request, fetchedAt, result.bookings(), result.skipped());
        snapshots.publishAll(chunks);
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        results.publish(new StoreFetched(Messages.SCHEMA_VERSION, request.runId(), request.storeId(), chunks.size(),
                countByStatus(result.bookings()), result.skipped(), millis, result.pages()));
        LOG.info("store {} fetched: {} bookings, {} skipped, {} pages, {} chunks in {} ms", store.storeId(),
                result.bookings().size(), result.skipped().size(), result.pages(), chunks.size(), millis);
    }

    private IllegalStateException sessionProblem(FetchRequest request, StoreSettings store, String detail) {
        results.publish(Alert.of(request.runId(), AlertCause.SESSION_EXPIRED, store.accountId(), detail, clock.instant()));
        return new IllegalStateException(detail);
    }

    private static Map<String, Integer> countByStatus(List<Booking> bookings) {
        Map<String, Integer> counts = new TreeMap<>();
        for (Booking b : bookings) {
            counts.merge(b.status() == null ? "UNKNOWN" : b.status(), 1, Integer::sum);
        }
        return counts;
    }
}
