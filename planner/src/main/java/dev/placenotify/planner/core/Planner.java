package dev.placenotify.planner.core;

import dev.placenotify.model.Booking;
import dev.placenotify.model.ContentType;
import dev.placenotify.model.FetchMode;
import dev.placenotify.model.MessageTemplate;
import dev.placenotify.model.PersonalData;
import dev.placenotify.model.SkippedItem;
import dev.placenotify.model.StoreSettings;
import dev.placenotify.planner.rules.BookingFacts;
import dev.placenotify.planner.rules.Condition;
import dev.placenotify.planner.rules.KeyScope;
import dev.placenotify.planner.rules.Rule;
import dev.placenotify.planner.rules.RuleKeys;
import dev.placenotify.planner.rules.RuleSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The planner's decision: which texts and summary lines each booking of one store gets in one cycle,
 * by the rule set, and what to remember. A pure function of its arguments: no clock, no I/O.
 *
 * <p>A rule fires for a booking when every condition holds and its key (see {@link RuleKeys}) is not in
 * the booking's planned keys, or when its key is still pending from a previous decision (that decision's
 * state was written, its jobs perhaps never enqueued): pending messages are emitted again, re-rendered,
 * as long as the rule still holds, judged on this cycle's facts but not on the booking's history (which
 * is the history that decision wrote); a pending key no longer due (booking cancelled, moved, started,
 * the window over) is dropped from both pending and planned keys, so it may be planned afresh should it
 * become due again (the sender's idempotency on the same key covers the case where it had reached the
 * queue after all).
 *
 * <p>Choices the spec left open:
 * <ul>
 *   <li>Conditions on history ({@code seen}, {@code planned}, {@code notPlanned}, {@code rescheduled})
 *       look at what earlier cycles left, never at what this decision plans: the rules of one cycle see
 *       the same state, whatever their order.</li>
 *   <li>A text whose recipient is not a Korean mobile number (or whose number Naver masks) is not
 *       planned, reported as a {@link SkippedItem}, and its key is recorded as planned anyway: the skip
 *       is reported once per text, not every cycle, and a number corrected later does not revive it.</li>
 *   <li>SEED records every valid booking and marks as planned what would have been planned now, emits
 *       nothing, reports no recipient skips and leaves pending keys as they were, so a normal cycle
 *       still finishes a crashed one.</li>
 *   <li>A snapshot read before the data behind a booking's stored state does not change that state
 *       (the booking is skipped with a reason): a replayed old fetch cannot undo a cancellation.</li>
 *   <li>{@code changedStates} also holds a state whose only news is that its pending messages are
 *       emitted again (written with version + 1), so the shell's conditional write claims them exactly
 *       like new messages and clears them after enqueueing.</li>
 *   <li>Several texts for one booking in one decision are chained: each names the one before it as
 *       {@code afterKey}, in rule priority order.</li>
 * </ul>
 */
public final class Planner {
    private Planner() {}

    /** The statuses the system we replace kept in its table (it fetched no others): see {@link #seenBefore}. */
    static final Set<BookingStatus> LISTED = Set.of(BookingStatus.CONFIRMED, BookingStatus.COMPLETED);

    /** How long a booking's state outlives its start when no other TTL is configured. */
    public static final Duration DEFAULT_STATE_TTL = Duration.ofDays(30);

    /**
     * The fixed inputs of one decision.
     *
     * @param now        the cycle's scheduled time
     * @param mode       NORMAL plans messages; SEED only records state (null means NORMAL)
     * @param snapshotAt when the snapshot's data was read from Naver (null: unknown, never judged older)
     * @param stateTtl   how long a state is kept after the reservation's start
     */
    public record Cycle(Instant now, StoreSettings store, RuleSet rules, FetchMode mode, Instant snapshotAt,
                        Duration stateTtl) {
        public Cycle {
            Objects.requireNonNull(now, "now");
            Objects.requireNonNull(store, "store");
            Objects.requireNonNull(rules, "rules");
            Objects.requireNonNull(stateTtl, "stateTtl");
            mode = mode == null ? FetchMode.NORMAL : mode;
        }

        boolean seed() {
            return mode == FetchMode.SEED;
        }
    }

    /**
     * Decides one store's snapshot (or one chunk of it).
     *
     * @param bookings the snapshot, possibly with malformed or duplicated entries
     * @param stored   bookingId → state read from DynamoDB; absent for a booking never stored
     */
    public static Decision decide(Cycle cycle, List<Booking> bookings, Map<String, BookingState> stored) {
        List<Booking> snapshot = bookings == null ? List.of() : bookings;
        Map<String, BookingState> states = stored == null ? Map.of() : stored;
        List<Rule> rules = cycle.rules().rulesFor(cycle.store().storeId());
        Map<String, Integer> lastIndex = lastIndexById(snapshot);

        List<PlannedMessage> messages = new ArrayList<>();
        List<PlannedNote> notes = new ArrayList<>();
        List<BookingState> changed = new ArrayList<>();
        List<SkippedItem> skipped = new ArrayList<>();
        for (int i = 0; i < snapshot.size(); i++) {
            Booking booking = snapshot.get(i);
            if (hasId(booking) && lastIndex.get(booking.bookingId()) != i) {
                skipped.add(new SkippedItem(booking.bookingId(),
                        "duplicate bookingId in snapshot: this entry ignored, a later one is used"));
                continue;
            }
            switch (ValidatedBooking.of(booking)) {
                case ValidatedBooking.Malformed m -> skipped.add(new SkippedItem(m.bookingId(), m.reason()));
                case ValidatedBooking.Valid v -> {
                    BookingDecision d = decideBooking(cycle, rules, v, states.get(v.bookingId()));
                    messages.addAll(d.messages());
                    notes.addAll(d.notes());
                    skipped.addAll(d.skipped());
                    if (d.changedState() != null) {
                        changed.add(d.changedState());
                    }
                }
            }
        }
        return new Decision(messages, notes, changed, skipped);
    }

    /** One booking's share of a decision; {@code changedState} is null when nothing needs writing. */
    record BookingDecision(List<PlannedMessage> messages, List<PlannedNote> notes, BookingState changedState,
                           List<SkippedItem> skipped) {
        static BookingDecision skip(SkippedItem why) {
            return new BookingDecision(List.of(), List.of(), null, List.of(why));
        }
    }

    /** A rule that fires for a booking, under its key. */
    record Due(Rule rule, String key) {}

    static BookingDecision decideBooking(Cycle cycle, List<Rule> rules, ValidatedBooking.Valid booking, BookingState stored) {
        BookingState before = stored == null || stored.version() == 0 ? null : stored;
        Booking b = booking.booking();
        if (before != null && isOlder(cycle.snapshotAt(), before.snapshotAt())) {
            return BookingDecision.skip(new SkippedItem(b.bookingId(), "snapshot read at " + cycle.snapshotAt()
                    + " is older than the booking's state (read at " + before.snapshotAt() + "): not applied"));
        }
        Set<String> pending = before == null ? Set.of() : before.pendingKeys();
        Set<String> planned = new LinkedHashSet<>(pending);
        Set<String> plannedBefore = new LinkedHashSet<>();
        if (before != null) {
            planned.addAll(before.plannedKeys());
            plannedBefore.addAll(before.plannedKeys());
            plannedBefore.removeAll(pending);
        }
        boolean seen = seenBefore(before, cycle.now());
        BookingFacts facts = new BookingFacts(cycle.now(), cycle.store(), b, seen,
                before == null ? null : before.startAt(), plannedBefore);

        List<Due> due = new ArrayList<>();
        for (Rule rule : rules) {
            String key = key(rule, facts);
            boolean isPending = pending.contains(key);
            if (planned.contains(key) && !isPending) {
                continue;
            }
            if (isPending ? holdsIgnoringHistory(rule, facts) : holds(rule, facts)) {
                due.add(new Due(rule, key));
            }
        }
        List<String> keys = due.stream().map(Due::key).toList();

        List<PlannedMessage> messages = new ArrayList<>();
        List<PlannedNote> notes = new ArrayList<>();
        List<SkippedItem> skipped = new ArrayList<>();
        Set<String> newPlanned = new LinkedHashSet<>(planned);
        Set<String> newPending;
        if (cycle.seed()) {
            newPending = pending;
        } else {
            pending.stream().filter(k -> !keys.contains(k)).forEach(newPlanned::remove);
            newPending = plan(cycle, facts, due, messages, notes, skipped);
        }
        newPlanned.addAll(keys);

        long version = before == null ? 1 : before.version() + 1;
        Instant firstSeen = before != null && before.firstSeenAt() != null ? before.firstSeenAt()
                : !seen && LISTED.contains(booking.status()) ? cycle.now() : null;
        BookingState next = new BookingState(b.bookingId(), booking.status().code(), b.startAt(), newPlanned, newPending,
                version, b.startAt().plus(cycle.stateTtl()), firstSeen, latest(cycle.snapshotAt(), before));
        boolean write = before == null || !next.sameContentAs(before) || !messages.isEmpty() || !notes.isEmpty();
        return new BookingDecision(messages, notes, write ? next : null, skipped);
    }

    /**
     * Whether an earlier cycle recorded the booking as confirmed or completed: what the v2's table held
     * (it only ever saw RC03 and RC08), so a request (RC02) or a cancellation seen first does not make a
     * later confirmed booking "seen". A state older than {@code firstSeenAt} counts by its status.
     */
    static boolean seenBefore(BookingState before, Instant now) {
        if (before == null) {
            return false;
        }
        if (before.firstSeenAt() != null) {
            return before.firstSeenAt().isBefore(now);
        }
        return BookingStatus.ofCode(before.status()).filter(LISTED::contains).isPresent();
    }

    static boolean holds(Rule rule, BookingFacts facts) {
        return rule.when().stream().allMatch(c -> c.holds(facts));
    }

    private static boolean holdsIgnoringHistory(Rule rule, BookingFacts facts) {
        return rule.when().stream().allMatch(c -> c.judgesHistory()
                || (c instanceof Condition.AnyOf any ? any.holdsIgnoringHistory(facts) : c.holds(facts)));
    }

    static String key(Rule rule, BookingFacts facts) {
        KeyScope scope = rule.send() != null ? rule.send().key() : rule.note().key();
        return RuleKeys.of(facts.store().storeId(), facts.booking().bookingId(), rule.id(), scope, facts.start(),
                facts.reservationDate());
    }

    /** Renders what is due for the booking's recipient; returns the keys now pending. */
    private static Set<String> plan(Cycle cycle, BookingFacts facts, List<Due> due, List<PlannedMessage> messages,
                                    List<PlannedNote> notes, List<SkippedItem> skipped) {
        Booking b = facts.booking();
        Set<String> pending = new LinkedHashSet<>();
        String after = null;
        for (Due d : due) {
            Rule rule = d.rule();
            if (rule.note() != null) {
                notes.add(new PlannedNote(b.bookingId(), rule.id(), rule.label(), d.key(), PersonalData.maskName(b.name()),
                        b.privacyMasked() ? null : PersonalData.lastDigits(b.phone()),
                        MessageRenderer.renderNote(rule.note(), cycle.store(), b), rule.note().channels()));
                pending.add(d.key());
            }
            if (rule.send() == null) {
                continue;
            }
            Optional<String> unsendable = unsendable(b);
            if (unsendable.isPresent()) {
                skipped.add(new SkippedItem(b.bookingId(), rule.id() + " not sent: " + unsendable.get()));
                continue;
            }
            MessageTemplate template = cycle.rules().template(rule.send().template(), cycle.store()).orElse(null);
            ContentType contentType = rule.send().contentType();
            Optional<MessageRenderer.Rendered> text = template == null ? Optional.empty()
                    : MessageRenderer.render(rule.label(), contentType, template, cycle.store(), b);
            if (text.isEmpty()) {
                skipped.add(new SkippedItem(b.bookingId(), rule.id() + " not sent: template '" + rule.send().template()
                        + "' " + (template == null ? "does not exist for this store" : "renders to nothing")));
                continue;
            }
            MessageRenderer.Rendered t = text.get();
            String recipient = ((KoreanMobileNumber.Mobile) KoreanMobileNumber.parse(b.phone())).digits();
            messages.add(new PlannedMessage(b.bookingId(), rule.id(), rule.label(), d.key(), recipient,
                    PersonalData.maskName(b.name()), t.type(), t.contentType(), t.subject(), t.content(),
                    Validity.notAfter(rule, contentType, facts), after));
            pending.add(d.key());
            after = d.key();
        }
        return pending;
    }

    /** Why the booking's phone cannot receive a text, if it cannot. */
    private static Optional<String> unsendable(Booking b) {
        if (b.privacyMasked() || (b.phone() != null && b.phone().contains("*"))) {
            return Optional.of("Naver masks this customer's phone number (privacy masking), it cannot be texted");
        }
        return switch (KoreanMobileNumber.parse(b.phone())) {
            case KoreanMobileNumber.NotMobile rejected -> Optional.of(rejected.reason());
            case KoreanMobileNumber.Mobile mobile -> Optional.empty();
        };
    }

    private static boolean isOlder(Instant snapshotAt, Instant stateAt) {
        return snapshotAt != null && stateAt != null && snapshotAt.isBefore(stateAt);
    }

    private static Instant latest(Instant snapshotAt, BookingState before) {
        Instant previous = before == null ? null : before.snapshotAt();
        if (previous == null) {
            return snapshotAt;
        }
        return snapshotAt == null || previous.isAfter(snapshotAt) ? previous : snapshotAt;
    }

    private static Map<String, Integer> lastIndexById(List<Booking> snapshot) {
        Map<String, Integer> last = new HashMap<>();
        for (int i = 0; i < snapshot.size(); i++) {
            Booking b = snapshot.get(i);
            if (hasId(b)) {
                last.put(b.bookingId(), i);
            }
        }
        return last;
    }

    private static boolean hasId(Booking b) {
        return b != null && b.bookingId() != null && !b.bookingId().isBlank();
    }
}
