package dev.placenotify.planner.core;

import dev.placenotify.model.Booking;
import dev.placenotify.model.BookingOption;
import dev.placenotify.model.FetchMode;
import dev.placenotify.model.FormAnswer;
import dev.placenotify.model.MessageTemplate;
import dev.placenotify.model.Messages;
import dev.placenotify.model.StoreSettings;
import dev.placenotify.planner.rules.RuleSet;
import dev.placenotify.planner.rules.RuleSetParser;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Stores, bookings, rule sets and a tiny shell stand-in for the planner's tests. */
final class Fixtures {
    private Fixtures() {}

    static final String STORE_ID = "1051707";
    static final Duration TTL = Duration.ofDays(30);
    /** The default rule set: the legacy v2's rules. */
    static final RuleSet V2 = RuleSetParser.defaults();
    static final String GUIDE = "[{storeName}] {customerName}님, {date} {time} 예약 상세 안내: 도어락 {doorCode}";

    /** The default rule file's text, for tests that extend it. */
    static final class V2Text {
        static final String TEXT = read();

        private static String read() {
            try (var in = Fixtures.class.getResourceAsStream(RuleSetParser.DEFAULT_RESOURCE)) {
                return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).stripTrailing() + "\n";
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    static Instant kst(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(Messages.KST).toInstant();
    }

    static RuleSet rules(String yaml) {
        return RuleSetParser.parse(yaml, "test rules");
    }

    static StoreBuilder store() {
        return new StoreBuilder();
    }

    static BookingBuilder booking(String id) {
        return new BookingBuilder(id);
    }

    static Planner.Cycle cycle(Instant now, StoreSettings store) {
        return new Planner.Cycle(now, store, V2, FetchMode.NORMAL, now, TTL);
    }

    static final class StoreBuilder {
        String id = STORE_ID;
        String name = "화성 새솔점";
        Integer lead = 120;
        Map<String, MessageTemplate> templates = new HashMap<>(Map.of("guide", new MessageTemplate("[{storeName}] 상세 안내", GUIDE)));
        Map<String, String> vars = new LinkedHashMap<>(Map.of("brand", "플레이스", "editAppUrl", "https://ex.am/app",
                "instagram", "@place", "doorCode", "1234*"));
        String optOut;

        StoreBuilder id(String storeId) { id = storeId; return this; }
        StoreBuilder name(String n) { name = n; return this; }
        StoreBuilder lead(int minutes) { lead = minutes; return this; }
        StoreBuilder template(String templateName, String subject, String body) {
            templates.put(templateName, new MessageTemplate(subject, body));
            return this;
        }
        StoreBuilder withoutTemplate(String templateName) { templates.remove(templateName); return this; }
        StoreBuilder var(String key, String value) { vars.put(key, value); return this; }
        StoreBuilder optOut(String number) { optOut = number; return this; }

        StoreSettings build() {
            return new StoreSettings(id, name, null, "0311234567", "031-123-4567", lead, templates, vars, optOut, null);
        }
    }

    static final class BookingBuilder {
        String id;
        String status = "RC03";
        String name = "김민수";
        String phone = "010-1234-5678";
        String item = "110분/1~4인촬영";
        Integer count = 2;
        LocalDate startDate;
        Instant start = kst("2025-10-22T15:30");
        List<BookingOption> options = new ArrayList<>();
        List<FormAnswer> answers = new ArrayList<>();
        boolean masked;

        BookingBuilder(String id) { this.id = id; }

        BookingBuilder status(String s) { status = s; return this; }
        BookingBuilder name(String n) { name = n; return this; }
        BookingBuilder phone(String p) { phone = p; return this; }
        BookingBuilder item(String i) { item = i; return this; }
        BookingBuilder count(Integer c) { count = c; return this; }
        BookingBuilder startDate(LocalDate d) { startDate = d; return this; }
        BookingBuilder start(Instant s) { start = s; return this; }
        BookingBuilder start(String kstLocal) { start = kst(kstLocal); return this; }
        BookingBuilder option(String optionName) { return option(optionName, 1); }
        BookingBuilder option(String optionName, int bookingCount) {
            options.add(new BookingOption(Integer.toString(20266300 + options.size()), optionName, bookingCount));
            return this;
        }
        BookingBuilder answer(String title, String value) { answers.add(new FormAnswer(title, value)); return this; }
        BookingBuilder masked() { masked = true; phone = "010-41**-68**"; return this; }

        Booking build() {
            return new Booking(id, STORE_ID, item, status, name, phone, count, kst("2025-10-01T10:00"), startDate,
                    start, start == null ? null : start.plus(Duration.ofHours(2)), options, answers, masked);
        }
    }

    /** The shell's part, in memory: writes changed states, then (optionally) clears pending keys. */
    static final class Store {
        final Map<String, BookingState> states = new HashMap<>();
        final RuleSet rules;

        Store() {
            this(V2);
        }

        Store(RuleSet rules) {
            this.rules = rules;
        }

        Decision cycle(Instant now, StoreSettings store, FetchMode mode, List<Booking> bookings, boolean enqueued) {
            return cycle(new Planner.Cycle(now, store, rules, mode, now, TTL), bookings, enqueued);
        }

        Decision cycle(Planner.Cycle cycle, List<Booking> bookings, boolean enqueued) {
            Decision d = Planner.decide(cycle, bookings, Map.copyOf(states));
            for (BookingState s : d.changedStates()) {
                BookingState old = states.get(s.bookingId());
                long oldVersion = old == null ? 0 : old.version();
                if (s.version() != oldVersion + 1) {
                    throw new AssertionError("version " + s.version() + " written over " + oldVersion);
                }
                states.put(s.bookingId(), enqueued && !s.pendingKeys().isEmpty()
                        ? s.withPending(java.util.Set.of(), s.version() + 1) : s);
            }
            return d;
        }

        Decision cycle(Instant now, StoreSettings store, List<Booking> bookings) {
            return cycle(now, store, FetchMode.NORMAL, bookings, true);
        }

        Decision cycle(Instant now, StoreSettings store, Booking... bookings) {
            return cycle(now, store, List.of(bookings));
        }

        BookingState get(String id) {
            return states.get(id);
        }
    }
}
