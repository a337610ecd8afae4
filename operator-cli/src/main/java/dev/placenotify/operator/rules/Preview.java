package dev.placenotify.operator.rules;

import dev.placenotify.model.Booking;
import dev.placenotify.model.FetchMode;
import dev.placenotify.model.PersonalData;
import dev.placenotify.model.SkippedItem;
import dev.placenotify.model.StoreSettings;
import dev.placenotify.operator.rules.PreviewReport.NoteLine;
import dev.placenotify.operator.rules.PreviewReport.RuleResult;
import dev.placenotify.operator.rules.PreviewReport.SkipLine;
import dev.placenotify.operator.rules.PreviewReport.TextLine;
import dev.placenotify.planner.core.BookingState;
import dev.placenotify.planner.core.Decision;
import dev.placenotify.planner.core.PlannedMessage;
import dev.placenotify.planner.core.PlannedNote;
import dev.placenotify.planner.core.Planner;
import dev.placenotify.planner.rules.Rule;
import dev.placenotify.planner.rules.RuleSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The preview's functional core: the planner's own pure decision ({@link Planner#decide}) for each store's
 * bookings and stored states at one moment, regrouped per rule for an owner to read. Nothing here sends,
 * writes or reads anything; the states given are what a scheduled cycle at {@code at} would read.
 */
public final class Preview {
    private Preview() {}

    /** One store's input: Naver's bookings (and entries Naver's answer could not give), and the stored states. */
    public record StoreBookings(StoreSettings store, List<Booking> bookings, List<SkippedItem> skipped,
                                Map<String, BookingState> states) {
        public StoreBookings {
            bookings = List.copyOf(bookings);
            skipped = List.copyOf(skipped);
            states = Map.copyOf(states);
        }
    }

    public static PreviewReport run(Instant at, RuleSet rules, List<StoreBookings> stores) {
        Map<String, RuleResultBuilder> byRule = new LinkedHashMap<>();
        for (Rule r : runOrder(rules, stores)) {
            byRule.put(r.id(), new RuleResultBuilder(r));
        }
        List<SkipLine> skipped = new ArrayList<>();
        for (StoreBookings in : stores) {
            StoreSettings store = in.store();
            Decision d = Planner.decide(cycle(at, store, rules), in.bookings(), in.states());
            Map<String, Booking> byId = new HashMap<>();
            in.bookings().stream().filter(b -> b != null && b.bookingId() != null).forEach(b -> byId.put(b.bookingId(), b));
            for (PlannedMessage m : d.messages()) {
                byRule.get(m.rule()).texts.add(new TextLine(m.rule(), m.label(), store.storeId(), store.name(), m.bookingId(),
                        m.customer(), PersonalData.lastDigits(m.recipient()), m.type(), m.contentType(), m.idempotencyKey(),
                        m.notAfter(), TextMask.mask(m.subject(), byId.get(m.bookingId())),
                        TextMask.mask(m.content(), byId.get(m.bookingId())), m.afterKey()));
            }
            for (PlannedNote n : d.notes()) {
                byRule.get(n.rule()).notes.add(new NoteLine(n.rule(), n.label(), store.storeId(), store.name(), n.bookingId(),
                        n.customer(), n.phoneLast4(), n.channels(), n.idempotencyKey(), n.text()));
            }
            for (SkippedItem s : in.skipped()) {
                skipped.add(new SkipLine(store.storeId(), store.name(), s.bookingId(), s.reason()));
            }
            for (SkippedItem s : d.skipped()) {
                skipped.add(new SkipLine(store.storeId(), store.name(), s.bookingId(), s.reason()));
            }
        }
        return new PreviewReport(at, rules.source(), byRule.values().stream().map(RuleResultBuilder::build).toList(), skipped);
    }

    /** One store's bookings as Naver held them at one earlier moment (a scenario's tick). */
    public record PastSnapshot(Instant at, StoreSettings store, List<Booking> bookings) {
        public PastSnapshot {
            bookings = List.copyOf(bookings);
        }
    }

    /**
     * The states earlier snapshots leave (storeId → bookingId → state), planned in order by {@code rules}
     * as if every text planned had been sent: the pending marks cleared, as the planner does once its jobs
     * are on the queue.
     */
    public static Map<String, Map<String, BookingState>> replay(RuleSet rules, List<PastSnapshot> snapshots) {
        Map<String, Map<String, BookingState>> states = new HashMap<>();
        for (PastSnapshot p : snapshots) {
            Map<String, BookingState> mine = states.computeIfAbsent(p.store().storeId(), k -> new HashMap<>());
            Decision d = Planner.decide(cycle(p.at(), p.store(), rules), p.bookings(), mine);
            for (BookingState s : d.changedStates()) {
                mine.put(s.bookingId(), s.withPending(Set.of(), s.version()));
            }
        }
        return states;
    }

    private static Planner.Cycle cycle(Instant at, StoreSettings store, RuleSet rules) {
        // snapshotAt null: a preview's bookings are never judged older than the stored state.
        return new Planner.Cycle(at, store, rules, FetchMode.NORMAL, null, Planner.DEFAULT_STATE_TTL);
    }

    /** Every rule enabled for any previewed store, in run order (priority, then first appearance). */
    static List<Rule> runOrder(RuleSet rules, List<StoreBookings> stores) {
        Map<String, Rule> byId = new LinkedHashMap<>();
        for (StoreBookings s : stores) {
            for (Rule r : rules.rulesFor(s.store().storeId())) {
                byId.putIfAbsent(r.id(), r);
            }
        }
        List<Rule> ordered = new ArrayList<>(byId.values());
        ordered.sort(Comparator.comparingInt(Rule::priority));
        return ordered;
    }

    private static final class RuleResultBuilder {
        final Rule rule;
        final List<TextLine> texts = new ArrayList<>();
        final List<NoteLine> notes = new ArrayList<>();

        RuleResultBuilder(Rule rule) {
            this.rule = rule;
        }

        RuleResult build() {
            return new RuleResult(rule.id(), rule.label(), rule.priority(), rule.send() != null, rule.note() != null,
                    texts, notes);
        }
    }
}
