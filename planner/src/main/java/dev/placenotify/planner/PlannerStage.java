package dev.placenotify.planner;

import dev.placenotify.model.Booking;
import dev.placenotify.model.BookingSnapshot;
import dev.placenotify.model.ChunkPlanned;
import dev.placenotify.model.Messages;
import dev.placenotify.model.SkippedItem;
import dev.placenotify.model.SmsJob;
import dev.placenotify.model.StoreCatalog;
import dev.placenotify.model.StoreSettings;
import dev.placenotify.planner.core.BookingState;
import dev.placenotify.planner.core.Decision;
import dev.placenotify.planner.core.PlannedMessage;
import dev.placenotify.planner.core.Planner;
import dev.placenotify.shell.QueuePublisher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The planner's imperative shell: read state, call the pure {@link Planner}, claim each booking's new
 * state with a conditional write, enqueue the jobs of the writes that won, report the chunk, then
 * clear the pending marks. A lost write re-reads that booking and decides again, so two planners on
 * one store never plan the same message twice; a crash before the jobs are enqueued leaves pending
 * marks that make the next delivery emit them again.
 */
public final class PlannerStage {
    private static final Logger LOG = LoggerFactory.getLogger(PlannerStage.class);

    private final StoreCatalog stores;
    private final BookingStateStore states;
    private final QueuePublisher smsQueue;
    private final QueuePublisher results;
    private final Duration stateTtl;
    private final int conflictRetries;

    public PlannerStage(StoreCatalog stores, BookingStateStore states, QueuePublisher smsQueue, QueuePublisher results,
                        Duration stateTtl, int conflictRetries) {
        this.stores = stores;
        this.states = states;
        this.smsQueue = smsQueue;
        this.results = results;
        this.stateTtl = stateTtl;
        this.conflictRetries = conflictRetries;
    }

    public void plan(BookingSnapshot snapshot) {
        StoreSettings store = stores.require(snapshot.storeId());
        Map<String, Booking> byId = new LinkedHashMap<>();
        snapshot.bookings().stream().filter(b -> b.bookingId() != null).forEach(b -> byId.put(b.bookingId(), b));
        Map<String, BookingState> stored = states.load(store.storeId(), byId.keySet());
        Decision decision = Planner.decide(snapshot.cycleAt(), store, snapshot.mode(), snapshot.bookings(), stored, stateTtl);

        List<PlannedMessage> planned = new ArrayList<>();
        List<BookingState> written = new ArrayList<>();
        for (BookingState next : decision.changedStates()) {
            if (states.write(store.storeId(), next)) {
                planned.addAll(decision.messagesFor(next.bookingId()));
                written.add(next);
            } else {
                redecide(snapshot, store, byId.get(next.bookingId()), planned, written);
            }
        }
        List<SmsJob> jobs = planned.stream().map(m -> toJob(snapshot, store, m)).toList();
        smsQueue.publishAll(jobs);
        List<SkippedItem> skipped = new ArrayList<>(snapshot.skipped());
        skipped.addAll(decision.skipped());
        // Reported before the pending marks are cleared: a crash in between re-emits jobs the sender
        // deduplicates, and the notifier counts this chunk once by its index.
        results.publish(new ChunkPlanned(Messages.SCHEMA_VERSION, snapshot.runId(), store.storeId(), snapshot.chunkIndex(),
                jobs.stream().map(SmsJob::ref).toList(), skipped));
        for (BookingState s : written) {
            if (!s.pendingKeys().isEmpty() && !states.write(store.storeId(), s.pendingCleared())) {
                LOG.debug("booking {} moved on before its pending marks were cleared", s.bookingId());
            }
        }
        LOG.info("store {} chunk {}/{} ({}): {} bookings, {} jobs, {} skipped", store.storeId(), snapshot.chunkIndex() + 1,
                snapshot.chunkCount(), snapshot.mode(), snapshot.bookings().size(), jobs.size(), skipped.size());
    }

    private void redecide(BookingSnapshot snapshot, StoreSettings store, Booking booking, List<PlannedMessage> planned,
                          List<BookingState> written) {
        Objects.requireNonNull(booking, "a changed state always belongs to a booking of the snapshot");
        for (int attempt = 1; attempt <= conflictRetries; attempt++) {
            BookingState fresh = states.reload(store.storeId(), booking.bookingId());
            Decision d = Planner.decide(snapshot.cycleAt(), store, snapshot.mode(), List.of(booking),
                    Map.of(booking.bookingId(), fresh), stateTtl);
            if (d.changedStates().isEmpty()) {
                return; // the other planner already decided what this one would have
            }
            BookingState next = d.changedStates().get(0);
            if (states.write(store.storeId(), next)) {
                planned.addAll(d.messagesFor(booking.bookingId()));
                written.add(next);
                return;
            }
        }
        throw new IllegalStateException("booking " + booking.bookingId() + " of store " + store.storeId()
                + " kept changing under the planner (" + conflictRetries + " conflicts); retrying the chunk");
    }

    private static SmsJob toJob(BookingSnapshot snapshot, StoreSettings store, PlannedMessage m) {
        return new SmsJob(Messages.SCHEMA_VERSION, snapshot.runId(), store.storeId(), m.bookingId(), m.kind(), m.recipient(),
                digits(store.callbackNumber()), m.type(), m.contentType(), m.subject(), m.content(), m.idempotencyKey(),
                snapshot.cycleAt(), m.afterKey());
    }

    private static String digits(String phone) {
        return phone == null ? "" : phone.replaceAll("\\D", "");
    }
}
