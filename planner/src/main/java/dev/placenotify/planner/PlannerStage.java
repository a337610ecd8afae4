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
import dev.placenotify.planner.core.PlannedNote;
import dev.placenotify.planner.core.Planner;
import dev.placenotify.planner.rules.RuleSet;
import dev.placenotify.shell.QueuePublisher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Set;
import java.util.function.Supplier;
import java.util.TreeSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The planner's imperative shell: read state, call the pure {@link Planner} with the deployment's
 * {@link RuleSet}, claim each booking's new
 * state with a conditional write, enqueue the jobs of the writes that won, report the chunk, then
 * clear the pending marks. A lost write re-reads that booking and decides again, so two planners on
 * one store never plan the same message twice; a crash before the jobs are enqueued leaves pending
 * marks that make the next delivery emit them again. Pending marks younger than the lease (the planner's
 * timeout) belong to a planner still at work: they count as planned and are carried over untouched.
 */
public final class PlannerStage {
    private static final Logger LOG = LoggerFactory.getLogger(PlannerStage.class);

    private final Supplier<PlannerSettings> settings;
    private final BookingStateStore states;
    private final QueuePublisher smsQueue;
    private final QueuePublisher results;
    private final Duration stateTtl;
    private final int conflictRetries;
    private final Duration pendingLease;
    private final Clock clock;

    public PlannerStage(StoreCatalog stores, RuleSet rules, BookingStateStore states, QueuePublisher smsQueue,
                        QueuePublisher results, Duration stateTtl, int conflictRetries, Duration pendingLease, Clock clock) {
        this(fixed(new PlannerSettings(stores, rules)), states, smsQueue, results, stateTtl, conflictRetries, pendingLease, clock);
    }

    /** {@code settings} is asked once per chunk: live configuration may change between chunks, never within one. */
    public PlannerStage(Supplier<PlannerSettings> settings, BookingStateStore states, QueuePublisher smsQueue,
                        QueuePublisher results, Duration stateTtl, int conflictRetries, Duration pendingLease, Clock clock) {
        this.settings = settings;
        this.states = states;
        this.smsQueue = smsQueue;
        this.results = results;
        this.stateTtl = stateTtl;
        this.conflictRetries = conflictRetries;
        this.pendingLease = pendingLease;
        this.clock = clock;
    }

    private static Supplier<PlannerSettings> fixed(PlannerSettings settings) {
        return () -> settings;
    }

    /** A state this planner wrote, and the pending keys that are its own to enqueue and clear. */
    private record Written(BookingState state, Set<String> ownKeys) {}

    /** What the writes this planner won planned: texts and summary notes. */
    private record Won(List<PlannedMessage> messages, List<PlannedNote> notes, List<Written> written) {
        Won() {
            this(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        }

        void add(Decision d, String bookingId, BookingState state, Set<String> ownKeys) {
            messages.addAll(d.messagesFor(bookingId));
            notes.addAll(d.notesFor(bookingId));
            written.add(new Written(state, ownKeys));
        }
    }

    public void plan(BookingSnapshot snapshot) {
        PlannerSettings current = settings.get();
        RuleSet rules = current.rules();
        StoreSettings store = current.stores().require(snapshot.storeId());
        Map<String, Booking> byId = new LinkedHashMap<>();
        snapshot.bookings().stream().filter(b -> b.bookingId() != null).forEach(b -> byId.put(b.bookingId(), b));
        Instant now = clock.instant();
        Planner.Cycle cycle = new Planner.Cycle(snapshot.cycleAt(), store, rules, snapshot.mode(), snapshot.fetchedAt(),
                stateTtl);
        Map<String, StoredBooking> stored = states.load(store.storeId(), byId.keySet());
        Map<String, BookingState> forDecision = new HashMap<>();
        stored.forEach((id, s) -> forDecision.put(id, s.forDecision(now, pendingLease)));
        Decision decision = Planner.decide(cycle, snapshot.bookings(), forDecision);

        Won won = new Won();
        for (BookingState next : decision.changedStates()) {
            StoredBooking before = stored.getOrDefault(next.bookingId(), StoredBooking.unseen(next.bookingId()));
            BookingState toWrite = keepInFlight(next, before, now);
            if (states.write(store.storeId(), toWrite)) {
                won.add(decision, next.bookingId(), toWrite, next.pendingKeys());
            } else {
                redecide(cycle, byId.get(next.bookingId()), won);
            }
        }
        List<SmsJob> jobs = won.messages().stream().map(m -> toJob(snapshot, store, m)).toList();
        smsQueue.publishAll(jobs);
        List<SkippedItem> skipped = new ArrayList<>(snapshot.skipped());
        skipped.addAll(decision.skipped());
        // Reported before the pending marks are cleared: a crash in between re-emits jobs the sender
        // deduplicates, and the notifier counts this chunk once by its index.
        results.publish(new ChunkPlanned(Messages.SCHEMA_VERSION, snapshot.runId(), store.storeId(), snapshot.chunkIndex(),
                jobs.stream().map(SmsJob::ref).toList(), skipped,
                won.notes().stream().map(n -> n.toRunNote(store.storeId())).toList()));
        for (Written w : won.written()) {
            if (!w.ownKeys().isEmpty() && !states.write(store.storeId(), withoutOwnPending(w))) {
                LOG.debug("booking {} moved on before its pending marks were cleared", w.state().bookingId());
            }
        }
        LOG.info("store {} chunk {}/{} ({}): {} bookings, {} jobs, {} notes, {} skipped", store.storeId(),
                snapshot.chunkIndex() + 1, snapshot.chunkCount(), snapshot.mode(), snapshot.bookings().size(), jobs.size(),
                won.notes().size(), skipped.size());
    }

    private void redecide(Planner.Cycle cycle, Booking booking, Won won) {
        Objects.requireNonNull(booking, "a changed state always belongs to a booking of the snapshot");
        String storeId = cycle.store().storeId();
        for (int attempt = 1; attempt <= conflictRetries; attempt++) {
            Instant now = clock.instant();
            StoredBooking fresh = states.reload(storeId, booking.bookingId());
            Decision d = Planner.decide(cycle, List.of(booking), Map.of(booking.bookingId(), fresh.forDecision(now, pendingLease)));
            if (d.changedStates().isEmpty()) {
                return; // the other planner already decided what this one would have
            }
            BookingState next = d.changedStates().get(0);
            BookingState toWrite = keepInFlight(next, fresh, now);
            if (states.write(storeId, toWrite)) {
                won.add(d, booking.bookingId(), toWrite, next.pendingKeys());
                return;
            }
        }
        throw new IllegalStateException("booking " + booking.bookingId() + " of store " + storeId
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
        return next.withPending(pending, next.version());
    }

    private static BookingState withoutOwnPending(Written w) {
        Set<String> rest = new TreeSet<>(w.state().pendingKeys());
        rest.removeAll(w.ownKeys());
        return w.state().withPending(rest, w.state().version() + 1);
    }

    private static SmsJob toJob(BookingSnapshot snapshot, StoreSettings store, PlannedMessage m) {
        return new SmsJob(Messages.SCHEMA_VERSION, snapshot.runId(), store.storeId(), m.bookingId(), m.rule(), m.label(),
                m.customer(), m.recipient(), digits(store.callbackNumber()), m.type(), m.contentType(), m.subject(),
                m.content(), m.idempotencyKey(), snapshot.cycleAt(), m.notAfter(), m.afterKey());
    }

    private static String digits(String phone) {
        return phone == null ? "" : phone.replaceAll("\\D", "");
    }
}
