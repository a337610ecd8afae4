package dev.placenotify.planner;

import dev.placenotify.model.Booking;
import dev.placenotify.model.BookingSnapshot;
import dev.placenotify.model.ChunkPlanned;
import dev.placenotify.model.MessageKind;
import dev.placenotify.model.Messages;
import dev.placenotify.model.PersonalData;
import dev.placenotify.model.SkippedItem;
import dev.placenotify.model.SmsJob;
import dev.placenotify.model.StoreCatalog;
import dev.placenotify.model.StoreSettings;
import dev.placenotify.planner.core.BookingState;
import dev.placenotify.planner.core.Decision;
import dev.placenotify.planner.core.PlannedMessage;
import dev.placenotify.planner.core.Planner;
import dev.placenotify.shell.QueuePublisher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Set;
import java.util.TreeSet;
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
 * marks that make the next delivery emit them again. Pending marks younger than the lease (the planner's
 * timeout) belong to a planner still at work: they count as planned and are carried over untouched.
 */
public final class PlannerStage {
    private static final Logger LOG = LoggerFactory.getLogger(PlannerStage.class);

    private final StoreCatalog stores;
    private final BookingStateStore states;
    private final QueuePublisher smsQueue;
    private final QueuePublisher results;
    private final Duration stateTtl;
    private final int conflictRetries;
    private final Duration pendingLease;
    private final Clock clock;

    public PlannerStage(StoreCatalog stores, BookingStateStore states, QueuePublisher smsQueue, QueuePublisher results,
                        Duration stateTtl, int conflictRetries, Duration pendingLease, Clock clock) {
        this.stores = stores;
        this.states = states;
        this.smsQueue = smsQueue;
        this.results = results;
        this.stateTtl = stateTtl;
        this.conflictRetries = conflictRetries;
        this.pendingLease = pendingLease;
        this.clock = clock;
    }

    /** A state this planner wrote, and the pending keys that are its own to enqueue and clear. */
    private record Written(BookingState state, Set<String> ownKeys) {}

    public void plan(BookingSnapshot snapshot) {
        StoreSettings store = stores.require(snapshot.storeId());
        Map<String, Booking> byId = new LinkedHashMap<>();
        snapshot.bookings().stream().filter(b -> b.bookingId() != null).forEach(b -> byId.put(b.bookingId(), b));
        Instant now = clock.instant();
        Map<String, StoredBooking> stored = states.load(store.storeId(), byId.keySet());
        Map<String, BookingState> forDecision = new HashMap<>();
        stored.forEach((id, s) -> forDecision.put(id, s.forDecision(now, pendingLease)));
        Decision decision = Planner.decide(snapshot.cycleAt(), store, snapshot.mode(), snapshot.bookings(), forDecision,
                stateTtl);

        List<PlannedMessage> planned = new ArrayList<>();
        List<Written> written = new ArrayList<>();
        for (BookingState next : decision.changedStates()) {
            StoredBooking before = stored.getOrDefault(next.bookingId(), StoredBooking.unseen(next.bookingId()));
            BookingState toWrite = keepInFlight(next, before, now);
            if (states.write(store.storeId(), toWrite)) {
                planned.addAll(decision.messagesFor(next.bookingId()));
                written.add(new Written(toWrite, next.pendingKeys()));
            } else {
                redecide(snapshot, store, byId.get(next.bookingId()), planned, written);
            }
        }
        List<SmsJob> jobs = planned.stream().map(m -> toJob(snapshot, store, byId.get(m.bookingId()), m)).toList();
        smsQueue.publishAll(jobs);
        List<SkippedItem> skipped = new ArrayList<>(snapshot.skipped());
        skipped.addAll(decision.skipped());
        // Reported before the pending marks are cleared: a crash in between re-emits jobs the sender
        // deduplicates, and the notifier counts this chunk once by its index.
        results.publish(new ChunkPlanned(Messages.SCHEMA_VERSION, snapshot.runId(), store.storeId(), snapshot.chunkIndex(),
                jobs.stream().map(SmsJob::ref).toList(), skipped));
        for (Written w : written) {
            if (!w.ownKeys().isEmpty() && !states.write(store.storeId(), withoutOwnPending(w))) {
                LOG.debug("booking {} moved on before its pending marks were cleared", w.state().bookingId());
            }
        }
        LOG.info("store {} chunk {}/{} ({}): {} bookings, {} jobs, {} skipped", store.storeId(), snapshot.chunkIndex() + 1,
                snapshot.chunkCount(), snapshot.mode(), snapshot.bookings().size(), jobs.size(), skipped.size());
    }

    private void redecide(BookingSnapshot snapshot, StoreSettings store, Booking booking, List<PlannedMessage> planned,
                          List<Written> written) {
        Objects.requireNonNull(booking, "a changed state always belongs to a booking of the snapshot");
        for (int attempt = 1; attempt <= conflictRetries; attempt++) {
            Instant now = clock.instant();
            StoredBooking fresh = states.reload(store.storeId(), booking.bookingId());
            Decision d = Planner.decide(snapshot.cycleAt(), store, snapshot.mode(), List.of(booking),
                    Map.of(booking.bookingId(), fresh.forDecision(now, pendingLease)), stateTtl);
            if (d.changedStates().isEmpty()) {
                return; // the other planner already decided what this one would have
            }
            BookingState next = d.changedStates().get(0);
            BookingState toWrite = keepInFlight(next, fresh, now);
            if (states.write(store.storeId(), toWrite)) {
                planned.addAll(d.messagesFor(booking.bookingId()));
                written.add(new Written(toWrite, next.pendingKeys()));
                return;
            }
        }
        throw new IllegalStateException("booking " + booking.bookingId() + " of store " + store.storeId()
                + " kept changing under the planner (" + conflictRetries + " conflicts); retrying the chunk");
    }

    /** Another planner's in-flight keys stay pending in what this one writes, so its crash still recovers. */
    private BookingState keepInFlight(BookingState next, StoredBooking before, Instant now) {
        Set<String> inFlight = before.inFlightKeys(now, pendingLease);
        if (inFlight.isEmpty()) {
            return next;
        }
        Set<String> pending = new TreeSet<>(next.pendingKeys());
        inFlight.stream().filter(next.plannedKeys()::contains).forEach(pending::add);
        return withPending(next, pending, next.version());
    }

    private static BookingState withoutOwnPending(Written w) {
        Set<String> rest = new TreeSet<>(w.state().pendingKeys());
        rest.removeAll(w.ownKeys());
        return withPending(w.state(), rest, w.state().version() + 1);
    }

    private static BookingState withPending(BookingState s, Set<String> pending, long version) {
        return new BookingState(s.bookingId(), s.status(), s.startAt(), s.plannedKeys(), pending, version, s.expiresAt());
    }

    private static SmsJob toJob(BookingSnapshot snapshot, StoreSettings store, Booking booking, PlannedMessage m) {
        return new SmsJob(Messages.SCHEMA_VERSION, snapshot.runId(), store.storeId(), m.bookingId(), m.kind().name(),
                label(m.kind()), PersonalData.maskName(booking.name()), m.recipient(), digits(store.callbackNumber()),
                m.type(), m.contentType(), m.subject(), m.content(), m.idempotencyKey(), snapshot.cycleAt(),
                notAfter(m.kind(), booking, snapshot.cycleAt()), m.afterKey());
    }

    private static String label(MessageKind kind) {
        return switch (kind) {
            case CONFIRMATION -> "예약확정";
            case REMINDER -> "상세안내";
            case EVENT -> "리뷰요청";
            case CANCELLATION -> "예약취소";
            case RESCHEDULE -> "일정변경";
        };
    }

    /** A text about the reservation is stale once it started; the evening text once its hour is over. */
    private static Instant notAfter(MessageKind kind, Booking booking, Instant cycleAt) {
        if (kind == MessageKind.EVENT) {
            return cycleAt.atZone(Messages.KST).toLocalDate().atTime(21, 0).atZone(Messages.KST).toInstant();
        }
        return booking.startAt();
    }

    private static String digits(String phone) {
        return phone == null ? "" : phone.replaceAll("\\D", "");
    }
}
