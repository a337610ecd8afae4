package dev.placenotify.planner.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.placenotify.model.Booking;
import dev.placenotify.model.ContentType;
import dev.placenotify.model.FetchMode;
import dev.placenotify.model.MessageKind;
import dev.placenotify.model.MessageTemplate;
import dev.placenotify.model.Messages;
import dev.placenotify.model.SmsType;
import dev.placenotify.model.StoreSettings;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.statistics.Statistics;

/**
 * Whole histories of cycles and booking changes, fed through {@link Planner#decide} with a shell that
 * writes each decision's changed states back (conditionally on the version), enqueues the messages and
 * clears pending keys — or crashes before or after enqueueing — and a sender that texts each key once.
 */
class PlannerPropertiesTest {
    static final Instant BASE = Fixtures.kst("2025-10-22T09:00");
    static final String OPT_OUT = "0801234567";

    enum Op { CONFIRM, RESCHEDULE, CANCEL, COMPLETE, UNCANCEL, REQUEST }

    enum Crash { NONE, BEFORE_ENQUEUE, AFTER_ENQUEUE }

    record StoreSpec(int lead, boolean event, boolean cancellationNotice, boolean rescheduleNotice, String body) {
        StoreSettings settings() {
            Map<MessageKind, MessageTemplate> templates = new EnumMap<>(MessageKind.class);
            if (body != null) {
                for (MessageKind k : MessageKind.values()) {
                    templates.put(k, new MessageTemplate("{storeName} 😀 " + body, body));
                }
            }
            return new StoreSettings(Fixtures.STORE_ID, "화성점", null, "0311234567", null, lead, templates,
                    event ? new StoreSettings.EventSms(OPT_OUT) : null, cancellationNotice, rescheduleNotice, null);
        }
    }

    record BookingSpec(String status, int startMinutes, String phone, String name, int appearsAt) {}

    record Change(int booking, Op op, int minutes) {}

    /** Advance the clock (or jump to {@code eveningMinute} past 20:00 KST), apply changes, run a cycle. */
    record Step(int advanceMinutes, int eveningMinute, List<Change> changes, Crash crash) {}

    record History(StoreSpec store, List<BookingSpec> bookings, List<Step> steps) {}

    /** One decision as the simulated shell saw it. */
    record Cycle(Instant now, Map<String, BookingState> storedBefore, Map<String, Booking> bookings, Decision decision,
                 Crash crash, Set<String> deliveredBefore) {}

    // ---------------------------------------------------------------- properties

    @Property(tries = 400)
    void plannedMessagesRespectTheRulesWhateverTheHistory(@ForAll("histories") History history) {
        List<Cycle> cycles = run(history);
        StoreSettings store = history.store().settings();
        for (Cycle c : cycles) {
            if (!c.storedBefore().isEmpty() && c.storedBefore().values().stream().anyMatch(s -> !s.pendingKeys().isEmpty())) {
                Statistics.label("pending re-emitted").collect(c.decision().messages().stream()
                        .anyMatch(m -> c.storedBefore().get(m.bookingId()) != null
                                && c.storedBefore().get(m.bookingId()).pendingKeys().contains(m.idempotencyKey())));
            }
            for (PlannedMessage m : c.decision().messages()) {
                Statistics.label("kind").collect(m.kind());
                Statistics.label("type").collect(m.type());
                if (m.afterKey() != null) {
                    Statistics.label("chained").collect(m.kind());
                }
                Booking b = c.bookings().get(m.bookingId());
                BookingState before = c.storedBefore().get(m.bookingId());
                // planned once: a key already planned is only emitted again while it is pending
                if (before != null) {
                    assertThat(!before.plannedKeys().contains(m.idempotencyKey())
                            || before.pendingKeys().contains(m.idempotencyKey())).as("re-planned %s", m).isTrue();
                }
                // never a message for a cancelled booking, other than the store's optional notice
                if (b.status().equals("RC04")) {
                    assertThat(m.kind()).isEqualTo(MessageKind.CANCELLATION);
                }
                if (m.kind() == MessageKind.CANCELLATION) {
                    assertThat(store.cancellationNotice()).isTrue();
                    assertThat(b.status()).isEqualTo("RC04");
                }
                if (m.kind() == MessageKind.RESCHEDULE) {
                    assertThat(store.rescheduleNotice()).isTrue();
                }
                if (m.kind() == MessageKind.CONFIRMATION || m.kind() == MessageKind.REMINDER) {
                    assertThat(b.status()).isEqualTo("RC03");
                    assertThat(b.startAt()).isAfter(c.now());
                }
                if (m.kind() == MessageKind.REMINDER) {
                    assertThat(Duration.between(c.now(), b.startAt())).isLessThan(Duration.ofMinutes(store.reminderLeadMinutes()));
                    assertThat(m.idempotencyKey()).endsWith(":" + b.startAt().getEpochSecond());
                }
                assertEvent(m, c.now(), store, b);
                assertFitsSens(m);
            }
        }
        // the histories must reach every rule, not pass vacuously
        Statistics.label("kind").coverage(coverage -> {
            for (MessageKind kind : MessageKind.values()) {
                coverage.check(kind).count(n -> n >= 5);
            }
        });
        Statistics.label("type").coverage(coverage -> coverage.check(SmsType.LMS).count(n -> n >= 5));
        Statistics.label("chained").coverage(coverage -> coverage.check(MessageKind.REMINDER).count(n -> n >= 5));
        Statistics.label("pending re-emitted").coverage(coverage -> coverage.check(true).count(n -> n >= 5));
    }

    @Property(tries = 400)
    void customersAreTextedOncePerMessageAndRemindedOnlyAfterConfirmation(@ForAll("histories") History history) {
        List<Cycle> cycles = run(history);
        Map<String, Integer> confirmations = new HashMap<>();
        Map<String, Integer> remindersPerStart = new HashMap<>();
        Set<String> delivered = new HashSet<>();
        for (Cycle c : cycles) {
            List<PlannedMessage> messages = c.decision().messages();
            for (int i = 0; i < messages.size(); i++) {
                PlannedMessage m = messages.get(i);
                boolean reachesCustomer = c.crash() != Crash.BEFORE_ENQUEUE && !delivered.contains(m.idempotencyKey());
                if (m.kind() == MessageKind.REMINDER) {
                    String confirmationKey = IdempotencyKeys.confirmation(Fixtures.STORE_ID, m.bookingId());
                    assertThat(delivered.contains(confirmationKey) || waitsFor(messages, i, confirmationKey))
                            .as("reminder %s without confirmation", m).isTrue();
                }
                if (reachesCustomer) {
                    delivered.add(m.idempotencyKey());
                    if (m.kind() == MessageKind.CONFIRMATION) {
                        confirmations.merge(m.bookingId(), 1, Integer::sum);
                    }
                    if (m.kind() == MessageKind.REMINDER) {
                        remindersPerStart.merge(m.idempotencyKey(), 1, Integer::sum);
                    }
                }
            }
        }
        assertThat(confirmations.values()).allMatch(n -> n == 1);
        assertThat(remindersPerStart.values()).allMatch(n -> n == 1);
        // without crashes nothing is planned twice, sender de-duplication or not
        if (history.steps().stream().allMatch(s -> s.crash() == Crash.NONE)) {
            List<String> keys = cycles.stream().flatMap(c -> c.decision().messages().stream())
                    .map(PlannedMessage::idempotencyKey).toList();
            assertThat(keys).doesNotHaveDuplicates();
        }
    }

    @Property(tries = 300)
    void decideIsDeterministic(@ForAll("histories") History history) {
        StoreSettings store = history.store().settings();
        for (Cycle c : run(history)) {
            List<Booking> snapshot = List.copyOf(c.bookings().values());
            Map<String, BookingState> reordered = new LinkedHashMap<>();
            List<String> ids = new ArrayList<>(c.storedBefore().keySet());
            java.util.Collections.reverse(ids);
            ids.forEach(id -> reordered.put(id, c.storedBefore().get(id)));
            Decision again = Planner.decide(c.now(), store, FetchMode.NORMAL, snapshot, reordered, Fixtures.TTL);
            assertThat(again).isEqualTo(c.decision());
            assertThat(Planner.decide(c.now(), store, FetchMode.NORMAL, snapshot, Map.copyOf(c.storedBefore()), Fixtures.TTL))
                    .isEqualTo(c.decision());
        }
    }

    @Property(tries = 200)
    void seedPlansNothingAndANormalCycleRightAfterSendsNothingNew(@ForAll("histories") History history) {
        StoreSettings store = history.store().settings();
        List<Booking> bookings = new ArrayList<>();
        for (int i = 0; i < history.bookings().size(); i++) {
            BookingSpec spec = history.bookings().get(i);
            bookings.add(toBooking(i, spec.status(), BASE.plus(Duration.ofMinutes(spec.startMinutes())), spec));
        }
        Instant now = BASE.plus(Duration.ofMinutes(history.steps().getFirst().advanceMinutes()));
        Fixtures.Store shell = new Fixtures.Store();
        Decision seed = shell.cycle(now, store, FetchMode.SEED, bookings, true);
        assertThat(seed.messages()).isEmpty();
        assertThat(seed.changedStates()).hasSize(bookings.size());
        Decision next = shell.cycle(now, store, FetchMode.NORMAL, bookings, true);
        assertThat(next.messages()).isEmpty();
        assertThat(next.changedStates()).isEmpty();
    }

    /**
     * A scheduled cycle and a backfill decide from the same stored states; the backfill writes second, so
     * its conditional writes fail where the cycle wrote, and it re-reads and re-decides just those
     * bookings, dropping their first messages. Nothing is planned twice.
     */
    @Property(tries = 300)
    void racingPlannersNeverPlanTheSameMessageTwice(@ForAll("histories") History history,
                                                     @ForAll @net.jqwik.api.constraints.IntRange(min = -90, max = 90) int backfillOffsetMinutes) {
        StoreSettings store = history.store().settings();
        Map<String, BookingState> stored = new HashMap<>();
        List<String> planned = new ArrayList<>();
        for (Cycle c : run(history)) {
            List<Booking> snapshot = List.copyOf(c.bookings().values());
            Map<String, BookingState> read = Map.copyOf(stored);
            Decision scheduled = Planner.decide(c.now(), store, FetchMode.NORMAL, snapshot, read, Fixtures.TTL);
            Instant backfillNow = c.now().plus(Duration.ofMinutes(backfillOffsetMinutes));
            Decision backfill = Planner.decide(backfillNow, store, FetchMode.NORMAL, snapshot, read, Fixtures.TTL);

            commit(scheduled, scheduled.changedStates(), stored, planned);
            List<BookingState> backfillWins = new ArrayList<>();
            for (BookingState s : backfill.changedStates()) {
                BookingState current = stored.get(s.bookingId());
                if ((current == null ? 0 : current.version()) == s.version() - 1) {
                    backfillWins.add(s);
                } else {
                    Booking b = c.bookings().get(s.bookingId());
                    Decision retry = Planner.decide(backfillNow, store, FetchMode.NORMAL, List.of(b),
                            current == null ? Map.of() : Map.of(b.bookingId(), current), Fixtures.TTL);
                    commit(retry, retry.changedStates(), stored, planned);
                }
            }
            Set<String> won = backfillWins.stream().map(BookingState::bookingId).collect(Collectors.toSet());
            commit(new Decision(backfill.messages().stream().filter(m -> won.contains(m.bookingId())).toList(),
                    backfillWins, List.of()), backfillWins, stored, planned);
        }
        assertThat(planned).doesNotHaveDuplicates();
    }

    /** Writes, enqueues and clears pending keys, as the shell does when nothing fails. */
    private static void commit(Decision d, List<BookingState> states, Map<String, BookingState> stored, List<String> planned) {
        for (BookingState s : states) {
            BookingState current = stored.get(s.bookingId());
            assertThat(s.version()).isEqualTo(current == null ? 1 : current.version() + 1);
            stored.put(s.bookingId(), s.pendingKeys().isEmpty() ? s : s.pendingCleared());
        }
        d.messages().forEach(m -> planned.add(m.idempotencyKey()));
    }

    // ---------------------------------------------------------------- checks

    static void assertEvent(PlannedMessage m, Instant now, StoreSettings store, Booking b) {
        if (m.kind() == MessageKind.EVENT) {
            LocalTime t = now.atZone(Messages.KST).toLocalTime();
            assertThat(t).isBetween(LocalTime.of(20, 0), LocalTime.of(20, 59, 59, 999_999_999));
            assertThat(store.eventSmsEnabled()).isTrue();
            assertThat(b.status()).isEqualTo("RC08");
            assertThat(MessageRules.reservationDate(b)).isEqualTo(now.atZone(Messages.KST).toLocalDate());
            assertThat(m.contentType()).isEqualTo(ContentType.AD);
            assertThat(m.content()).startsWith("(광고)").contains(store.name()).endsWith("무료수신거부 080-123-4567");
        } else {
            assertThat(m.contentType()).isEqualTo(ContentType.COMM);
        }
    }

    static void assertFitsSens(PlannedMessage m) {
        assertThat(EucKrText.isEncodable(m.content())).as("encodable: %s", m.content()).isTrue();
        assertThat(m.content()).isNotBlank();
        int bytes = EucKrText.byteLength(m.content());
        if (m.type() == SmsType.SMS) {
            assertThat(bytes).isLessThanOrEqualTo(EucKrText.SMS_MAX_BYTES);
            assertThat(m.subject()).isNull();
        } else {
            assertThat(bytes).isBetween(EucKrText.SMS_MAX_BYTES + 1, EucKrText.LMS_MAX_BYTES);
            assertThat(m.subject()).isNotBlank();
            assertThat(EucKrText.isEncodable(m.subject())).isTrue();
            assertThat(EucKrText.byteLength(m.subject())).isLessThanOrEqualTo(EucKrText.SUBJECT_MAX_BYTES);
        }
        assertThat(m.recipient()).matches("01[016789]\\d{7,8}");
    }

    /** Whether message {@code i}'s afterKey chain (within its decision) reaches {@code key}. */
    static boolean waitsFor(List<PlannedMessage> messages, int i, String key) {
        Map<String, PlannedMessage> byKey = messages.stream()
                .collect(Collectors.toMap(PlannedMessage::idempotencyKey, m -> m, (a, b) -> a));
        PlannedMessage current = messages.get(i);
        for (int hops = 0; current != null && current.afterKey() != null && hops < messages.size(); hops++) {
            if (current.afterKey().equals(key)) {
                return messages.indexOf(byKey.get(key)) < i;
            }
            current = byKey.get(current.afterKey());
        }
        return false;
    }

    // ---------------------------------------------------------------- the simulated shell

    static List<Cycle> run(History history) {
        StoreSettings store = history.store().settings();
        List<BookingSpec> specs = history.bookings();
        String[] status = specs.stream().map(BookingSpec::status).toArray(String[]::new);
        Instant[] start = specs.stream().map(s -> BASE.plus(Duration.ofMinutes(s.startMinutes()))).toArray(Instant[]::new);
        Map<String, BookingState> stored = new HashMap<>();
        Set<String> delivered = new HashSet<>();
        List<Cycle> cycles = new ArrayList<>();
        Instant now = BASE;
        for (int stepIndex = 0; stepIndex < history.steps().size(); stepIndex++) {
            Step step = history.steps().get(stepIndex);
            now = step.eveningMinute() >= 0 ? nextEvening(now, step.eveningMinute())
                    : now.plus(Duration.ofMinutes(step.advanceMinutes()));
            for (Change change : step.changes()) {
                int i = change.booking() % specs.size();
                switch (change.op()) {
                    case CONFIRM -> status[i] = "RC03";
                    case RESCHEDULE -> start[i] = now.plus(Duration.ofMinutes(change.minutes()));
                    case CANCEL -> status[i] = "RC04";
                    case COMPLETE -> status[i] = "RC08";
                    case UNCANCEL -> status[i] = status[i].equals("RC04") ? "RC03" : status[i];
                    case REQUEST -> status[i] = "RC02";
                }
            }
            Map<String, Booking> visible = new LinkedHashMap<>();
            for (int i = 0; i < specs.size(); i++) {
                if (specs.get(i).appearsAt() <= stepIndex) {
                    Booking b = toBooking(i, status[i], start[i], specs.get(i));
                    visible.put(b.bookingId(), b);
                }
            }
            Map<String, BookingState> before = Map.copyOf(stored);
            Decision d = Planner.decide(now, store, FetchMode.NORMAL, List.copyOf(visible.values()), before, Fixtures.TTL);
            cycles.add(new Cycle(now, before, visible, d, step.crash(), Set.copyOf(delivered)));
            for (BookingState s : d.changedStates()) {
                BookingState old = stored.get(s.bookingId());
                assertThat(s.version()).isEqualTo(old == null ? 1 : old.version() + 1);
                stored.put(s.bookingId(), s);
            }
            if (step.crash() != Crash.BEFORE_ENQUEUE) {
                d.messages().forEach(m -> delivered.add(m.idempotencyKey()));
            }
            if (step.crash() == Crash.NONE) {
                for (BookingState s : d.changedStates()) {
                    if (!s.pendingKeys().isEmpty()) {
                        stored.put(s.bookingId(), s.pendingCleared());
                    }
                }
            }
        }
        return cycles;
    }

    static Booking toBooking(int index, String status, Instant start, BookingSpec spec) {
        return new Booking(String.valueOf(5000 + index), Fixtures.STORE_ID, "키즈룸 2시간", status, spec.name(), spec.phone(), 2,
                BASE.minus(Duration.ofDays(1)), start.atZone(Messages.KST).toLocalDate(), start, start.plus(Duration.ofHours(2)));
    }

    static Instant nextEvening(Instant now, int minute) {
        ZonedDateTime kst = now.atZone(Messages.KST);
        ZonedDateTime candidate = kst.toLocalDate().atTime(20, minute, kst.getSecond()).atZone(Messages.KST);
        return (candidate.isAfter(kst) ? candidate : candidate.plusDays(1)).toInstant();
    }

    // ---------------------------------------------------------------- generators

    @Provide
    Arbitrary<History> histories() {
        Arbitrary<StoreSpec> stores = Combinators.combine(
                Arbitraries.of(30, 60, 120, 180),
                Arbitraries.of(true, false), Arbitraries.of(true, false), Arbitraries.of(true, false),
                templateBodies().injectNull(0.6)).as(StoreSpec::new);
        Arbitrary<BookingSpec> bookings = Combinators.combine(
                Arbitraries.of("RC02", "RC03", "RC03", "RC03", "RC03", "RC04", "RC08"),
                Arbitraries.integers().between(-180, 3 * 24 * 60),
                Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(8, Arbitraries.of("010-1234-5678", "+82 10-2345-6789", "011-123-4567", "(010) 9876 5432")),
                        net.jqwik.api.Tuple.of(1, Arbitraries.of("02-123-4567", "", "+1 415 555 1234", "070-1234-5678"))),
                Arbitraries.of("김민수", "이😀영", "Café 손님", "똠방각하", "   ", "가나다라마바사아자차카타파하".repeat(3)).injectNull(0.1),
                Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(3, Arbitraries.just(0)),
                        net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(1, 10)))).as(BookingSpec::new);
        Arbitrary<Change> changes = Combinators.combine(
                Arbitraries.integers().between(0, 4),
                Arbitraries.of(Op.class),
                Arbitraries.integers().between(-120, 2 * 24 * 60)).as(Change::new);
        Arbitrary<Step> steps = Combinators.combine(
                Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(6, Arbitraries.integers().between(0, 60)),
                        net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(60, 720))),
                Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(8, Arbitraries.just(-1)),
                        net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0, 59))),
                changes.list().ofMaxSize(3),
                Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(8, Arbitraries.just(Crash.NONE)),
                        net.jqwik.api.Tuple.of(1, Arbitraries.just(Crash.BEFORE_ENQUEUE)),
                        net.jqwik.api.Tuple.of(1, Arbitraries.just(Crash.AFTER_ENQUEUE)))).as(Step::new);
        return Combinators.combine(stores,
                        bookings.list().ofMinSize(2).ofMaxSize(5).withSizeDistribution(RandomDistribution.uniform()),
                        steps.list().ofMinSize(3).ofMaxSize(40).withSizeDistribution(RandomDistribution.uniform()))
                .as(History::new);
    }

    Arbitrary<String> templateBodies() {
        return Arbitraries.of("{customerName}님 {date} {time} 🎉", "x".repeat(90), "x".repeat(91), "가".repeat(45),
                        "{storeName} {item} ✅ 똠", "이벤트".repeat(400), "😀", "(광고) {storeName} 쿠폰", "{unknown} é ₩")
                .list().ofMinSize(1).ofMaxSize(3).map(parts -> String.join(" ", parts));
    }
}
