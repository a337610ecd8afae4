package dev.placenotify.planner.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.placenotify.model.Booking;
import dev.placenotify.model.ContentType;
import dev.placenotify.model.FetchMode;
import dev.placenotify.model.BookingOption;
import dev.placenotify.model.MessageTemplate;
import dev.placenotify.model.Messages;
import dev.placenotify.model.SmsType;
import dev.placenotify.model.StoreSettings;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.TimeZone;
import java.util.ArrayList;
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
import dev.placenotify.planner.rules.BookingFacts;
import dev.placenotify.planner.rules.Rule;
import dev.placenotify.planner.rules.RuleSet;
import dev.placenotify.planner.rules.RuleSetParser;

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

    static final List<String> ALL_RULES = List.of("CONFIRMATION", "RESCHEDULE", "REMINDER", "EVENT", "CANCELLATION", "PROMO");
    static final String DEFAULT_RULES = Fixtures.V2Text.TEXT.stripTrailing();

    /**
     * The default (v2) rules with the optional notices switched on or off for the store, and an
     * advertising promotion (AD, 10:00–20:59, once per booking) when {@code promotion}.
     */
    record StoreSpec(int lead, boolean promotion, boolean cancellationNotice, boolean rescheduleNotice, String body) {
        StoreSettings settings() {
            Map<String, MessageTemplate> templates = new HashMap<>();
            templates.put("guide", new MessageTemplate(null, Fixtures.GUIDE));
            templates.put("promo", new MessageTemplate(null, "{customerName}님, 이번 주 촬영 20% 할인"));
            if (body != null) {
                for (String name : List.of("confirmation", "guide", "event", "reschedule", "cancellation", "promo")) {
                    templates.put(name, new MessageTemplate("{storeName} 😀 " + body, body));
                }
            }
            return new StoreSettings(Fixtures.STORE_ID, "화성점", null, "0311234567", null, lead, templates,
                    Map.of("brand", "플레이스", "editAppUrl", "https://ex.am", "instagram", "@p", "doorCode", "12*"), OPT_OUT, null);
        }

        RuleSet rules() {
            String yaml = DEFAULT_RULES + "\n  - id: PROMO\n    label: 프로모션\n    enabled: " + promotion
                    + "\n    priority: 50\n    when:\n      - status: [RC03]\n      - hourOfDay: [10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]"
                    + "\n    send: {template: promo, contentType: AD, key: booking}\n"
                    + "stores:\n  \"" + Fixtures.STORE_ID + "\":\n    rules:\n"
                    + "      - {id: CANCELLATION, enabled: " + cancellationNotice + "}\n"
                    + "      - {id: RESCHEDULE, enabled: " + rescheduleNotice + "}\n";
            return RuleSetParser.parse(yaml, "property rules");
        }
    }

    record BookingSpec(String status, int startMinutes, String phone, String name, int appearsAt, String option) {}

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
        RuleSet rules = history.store().rules();
        Set<String> enabled = rules.rulesFor(store.storeId()).stream().map(Rule::id).collect(Collectors.toSet());
        for (Cycle c : cycles) {
            if (!c.storedBefore().isEmpty() && c.storedBefore().values().stream().anyMatch(s -> !s.pendingKeys().isEmpty())) {
                Statistics.label("pending re-emitted").collect(c.decision().messages().stream()
                        .anyMatch(m -> c.storedBefore().get(m.bookingId()) != null
                                && c.storedBefore().get(m.bookingId()).pendingKeys().contains(m.idempotencyKey())));
            }
            for (PlannedMessage m : c.decision().messages()) {
                Statistics.label("rule").collect(m.rule());
                Statistics.label("type").collect(m.type());
                if (m.afterKey() != null) {
                    Statistics.label("chained").collect(m.rule());
                }
                assertThat(enabled).as("only enabled rules text").contains(m.rule());
                assertThat(m.notAfter()).as("never planned already stale: %s", m).isAfter(c.now());
                Booking b = c.bookings().get(m.bookingId());
                BookingState before = c.storedBefore().get(m.bookingId());
                // planned once: a key already planned is only emitted again while it is pending
                if (before != null) {
                    assertThat(!before.plannedKeys().contains(m.idempotencyKey())
                            || before.pendingKeys().contains(m.idempotencyKey())).as("re-planned %s", m).isTrue();
                }
                // never a message for a cancelled booking, other than the store's optional notice
                if (b.status().equals("RC04")) {
                    assertThat(m.rule()).isEqualTo("CANCELLATION");
                }
                if (m.rule().equals("CANCELLATION")) {
                    assertThat(history.store().cancellationNotice()).isTrue();
                    assertThat(b.status()).isEqualTo("RC04");
                    assertThat(b.startAt()).isAfter(c.now());
                }
                if (m.rule().equals("RESCHEDULE")) {
                    assertThat(history.store().rescheduleNotice()).isTrue();
                    assertThat(before).isNotNull();
                    assertThat(b.startAt()).isAfter(c.now());
                }
                if (m.rule().equals("CONFIRMATION") || m.rule().equals("REMINDER")) {
                    assertThat(b.status()).isEqualTo("RC03");
                    assertThat(b.startAt()).isAfter(c.now());
                    assertThat(m.notAfter()).isEqualTo(b.startAt());
                }
                if (m.rule().equals("REMINDER")) {
                    assertThat(Duration.between(c.now(), b.startAt())).isLessThanOrEqualTo(Duration.ofMinutes(store.reminderLeadMinutes()));
                    assertThat(m.idempotencyKey()).endsWith(":" + b.startAt().getEpochSecond());
                }
                if (m.rule().equals("PROMO")) {
                    assertThat(history.store().promotion()).isTrue();
                    assertThat(m.contentType()).isEqualTo(ContentType.AD);
                    assertThat(m.content()).startsWith("(광고)[화성점] ").endsWith("무료수신거부 080-123-4567");
                    assertThat(c.now().atZone(Messages.KST).getHour()).isBetween(10, 20);
                    assertThat(m.notAfter()).isBeforeOrEqualTo(c.now().atZone(Messages.KST).toLocalDate().atTime(21, 0)
                            .atZone(Messages.KST).toInstant());
                } else {
                    assertThat(m.contentType()).isEqualTo(ContentType.COMM);
                }
                assertEvent(m, c.now(), b);
                assertFitsSens(m);
            }
        }
        // the histories must reach every rule, not pass vacuously
        Statistics.label("rule").coverage(coverage -> {
            for (String rule : ALL_RULES) {
                coverage.check(rule).count(n -> n >= 5);
            }
        });
        Statistics.label("type").coverage(coverage -> coverage.check(SmsType.LMS).count(n -> n >= 5));
        Statistics.label("chained").coverage(coverage -> coverage.check("REMINDER").count(n -> n >= 5));
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
                if (m.rule().equals("REMINDER")) {
                    String confirmationKey = Fixtures.STORE_ID + ":" + m.bookingId() + ":CONFIRMATION";
                    assertThat(delivered.contains(confirmationKey) || waitsFor(messages, i, confirmationKey))
                            .as("reminder %s without confirmation", m).isTrue();
                }
                if (reachesCustomer) {
                    delivered.add(m.idempotencyKey());
                    if (m.rule().equals("CONFIRMATION")) {
                        confirmations.merge(m.bookingId(), 1, Integer::sum);
                    }
                    if (m.rule().equals("REMINDER")) {
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
        Planner.Cycle template = cycleOf(history, BASE);
        for (Cycle c : run(history)) {
            List<Booking> snapshot = List.copyOf(c.bookings().values());
            Map<String, BookingState> reordered = new LinkedHashMap<>();
            List<String> ids = new ArrayList<>(c.storedBefore().keySet());
            java.util.Collections.reverse(ids);
            ids.forEach(id -> reordered.put(id, c.storedBefore().get(id)));
            Decision again = Planner.decide(at(template, c.now()), snapshot, reordered);
            assertThat(again).isEqualTo(c.decision());
            assertThat(Planner.decide(at(template, c.now()), snapshot, Map.copyOf(c.storedBefore()))).isEqualTo(c.decision());
        }
    }

    /** Every calendar question is asked in Asia/Seoul: the JVM's own zone changes nothing. */
    @Property(tries = 100)
    void theSamePlanUnderAnyDefaultTimeZone(@ForAll("histories") History history,
                                           @ForAll("zones") String zone) {
        List<Cycle> inSeoul = run(history);
        TimeZone original = TimeZone.getDefault();
        try {
            TimeZone.setDefault(TimeZone.getTimeZone(zone));
            List<Cycle> elsewhere = run(history);
            assertThat(elsewhere).extracting(Cycle::decision).containsExactlyElementsOf(
                    inSeoul.stream().map(Cycle::decision).toList());
        } finally {
            TimeZone.setDefault(original);
        }
    }

    @Provide
    Arbitrary<String> zones() {
        return Arbitraries.of("UTC", "America/Los_Angeles", "Pacific/Kiritimati", "Asia/Kathmandu", "Pacific/Pago_Pago",
                "Europe/London");
    }

    static Planner.Cycle cycleOf(History history, Instant now) {
        return new Planner.Cycle(now, history.store().settings(), history.store().rules(), FetchMode.NORMAL, now, Fixtures.TTL);
    }

    static Planner.Cycle at(Planner.Cycle c, Instant now) {
        return new Planner.Cycle(now, c.store(), c.rules(), c.mode(), now, c.stateTtl());
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
        Fixtures.Store shell = new Fixtures.Store(history.store().rules());
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
        Planner.Cycle template = cycleOf(history, BASE);
        Map<String, BookingState> stored = new HashMap<>();
        List<String> planned = new ArrayList<>();
        for (Cycle c : run(history)) {
            List<Booking> snapshot = List.copyOf(c.bookings().values());
            Map<String, BookingState> read = Map.copyOf(stored);
            Decision scheduled = Planner.decide(at(template, c.now()), snapshot, read);
            Instant backfillNow = c.now().plus(Duration.ofMinutes(backfillOffsetMinutes));
            // the backfill's data is read at the same moment as the cycle's: neither is older
            Planner.Cycle backfillCycle = new Planner.Cycle(backfillNow, template.store(), template.rules(), FetchMode.NORMAL,
                    c.now(), Fixtures.TTL);
            Decision backfill = Planner.decide(backfillCycle, snapshot, read);

            commit(scheduled, scheduled.changedStates(), stored, planned);
            List<BookingState> backfillWins = new ArrayList<>();
            for (BookingState s : backfill.changedStates()) {
                BookingState current = stored.get(s.bookingId());
                if ((current == null ? 0 : current.version()) == s.version() - 1) {
                    backfillWins.add(s);
                } else {
                    Booking b = c.bookings().get(s.bookingId());
                    Decision retry = Planner.decide(backfillCycle, List.of(b),
                            current == null ? Map.of() : Map.of(b.bookingId(), current));
                    commit(retry, retry.changedStates(), stored, planned);
                }
            }
            Set<String> won = backfillWins.stream().map(BookingState::bookingId).collect(Collectors.toSet());
            commit(new Decision(backfill.messages().stream().filter(m -> won.contains(m.bookingId())).toList(), List.of(),
                    backfillWins, List.of()), backfillWins, stored, planned);
        }
        assertThat(planned).doesNotHaveDuplicates();
    }

    /** Writes, enqueues and clears pending keys, as the shell does when nothing fails. */
    private static void commit(Decision d, List<BookingState> states, Map<String, BookingState> stored, List<String> planned) {
        for (BookingState s : states) {
            BookingState current = stored.get(s.bookingId());
            assertThat(s.version()).isEqualTo(current == null ? 1 : current.version() + 1);
            stored.put(s.bookingId(), s.pendingKeys().isEmpty() ? s : s.withPending(Set.of(), s.version() + 1));
        }
        d.messages().forEach(m -> planned.add(m.idempotencyKey()));
    }

    // ---------------------------------------------------------------- checks

    static void assertEvent(PlannedMessage m, Instant now, Booking b) {
        if (m.rule().equals("EVENT")) {
            LocalTime t = now.atZone(Messages.KST).toLocalTime();
            assertThat(t).isBetween(LocalTime.of(20, 0), LocalTime.of(20, 59, 59, 999_999_999));
            assertThat(b.status()).isIn("RC08", "RC03");
            assertThat(BookingFacts.reservationDate(b)).isEqualTo(now.atZone(Messages.KST).toLocalDate());
            assertThat(b.options()).anyMatch(o -> o.name().contains("네이버") || o.name().contains("인스타") || o.name().contains("원본"));
            assertThat(m.notAfter()).isEqualTo(now.atZone(Messages.KST).toLocalDate().atTime(21, 0).atZone(Messages.KST).toInstant());
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
        Planner.Cycle template = cycleOf(history, BASE);
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
            Decision d = Planner.decide(at(template, now), List.copyOf(visible.values()), before);
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
                        stored.put(s.bookingId(), s.withPending(Set.of(), s.version() + 1));
                    }
                }
            }
        }
        return cycles;
    }

    static Booking toBooking(int index, String status, Instant start, BookingSpec spec) {
        List<BookingOption> options = spec.option() == null ? List.of() : List.of(new BookingOption("1", spec.option(), 1));
        return new Booking(String.valueOf(5000 + index), Fixtures.STORE_ID, "키즈룸 2시간", status, spec.name(), spec.phone(), 2,
                BASE.minus(Duration.ofDays(1)), start.atZone(Messages.KST).toLocalDate(), start, start.plus(Duration.ofHours(2)),
                options, List.of(), false);
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
                        net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(1, 10))),
                Arbitraries.of("110분/1~4인촬영 + 네이버 리뷰 이벤트", "기본촬영(원본포함)", "인스타 이벤트", "110분/1~4인촬영")
                        .injectNull(0.3)).as(BookingSpec::new);
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
