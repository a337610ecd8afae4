package dev.placenotify.planner.core;

import dev.placenotify.model.Booking;
import dev.placenotify.model.FetchMode;
import dev.placenotify.model.MessageKind;
import dev.placenotify.model.MessageTemplate;
import dev.placenotify.model.Messages;
import dev.placenotify.model.StoreSettings;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Stores, bookings and a tiny shell stand-in for the planner's tests. */
final class Fixtures {
    private Fixtures() {}

    static final String STORE_ID = "1051707";
    static final Duration TTL = Duration.ofDays(30);

    static Instant kst(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(Messages.KST).toInstant();
    }

    static StoreBuilder store() {
        return new StoreBuilder();
    }

    static BookingBuilder booking(String id) {
        return new BookingBuilder(id);
    }

    static final class StoreBuilder {
        String name = "화성점";
        Integer lead = 120;
        Map<MessageKind, MessageTemplate> templates = new HashMap<>();
        String optOut;
        boolean cancellationNotice;
        boolean rescheduleNotice;

        StoreBuilder name(String n) { name = n; return this; }
        StoreBuilder lead(int minutes) { lead = minutes; return this; }
        StoreBuilder template(MessageKind kind, String subject, String body) {
            templates.put(kind, new MessageTemplate(subject, body));
            return this;
        }
        StoreBuilder event(String optOutNumber) { optOut = optOutNumber; return this; }
        StoreBuilder cancellationNotice() { cancellationNotice = true; return this; }
        StoreBuilder rescheduleNotice() { rescheduleNotice = true; return this; }

        StoreSettings build() {
            return new StoreSettings(STORE_ID, name, null, "0311234567", "031-123-4567", lead, templates,
                    optOut == null ? null : new StoreSettings.EventSms(optOut), cancellationNotice, rescheduleNotice, null);
        }
    }

    static final class BookingBuilder {
        String id;
        String status = "RC03";
        String name = "김민수";
        String phone = "010-1234-5678";
        String item = "키즈룸 2시간";
        Integer count = 2;
        LocalDate startDate;
        Instant start = kst("2025-10-22T15:30");

        BookingBuilder(String id) { this.id = id; }

        BookingBuilder status(String s) { status = s; return this; }
        BookingBuilder name(String n) { name = n; return this; }
        BookingBuilder phone(String p) { phone = p; return this; }
        BookingBuilder item(String i) { item = i; return this; }
        BookingBuilder count(Integer c) { count = c; return this; }
        BookingBuilder startDate(LocalDate d) { startDate = d; return this; }
        BookingBuilder start(Instant s) { start = s; return this; }
        BookingBuilder start(String kstLocal) { start = kst(kstLocal); return this; }

        Booking build() {
            return new Booking(id, STORE_ID, item, status, name, phone, count, kst("2025-10-01T10:00"), startDate,
                    start, start == null ? null : start.plus(Duration.ofHours(2)));
        }
    }

    /** The shell's part, in memory: writes changed states, then (optionally) clears pending keys. */
    static final class Store {
        final Map<String, BookingState> states = new HashMap<>();

        Decision cycle(Instant now, StoreSettings store, FetchMode mode, List<Booking> bookings, boolean enqueued) {
            Decision d = Planner.decide(now, store, mode, bookings, Map.copyOf(states), TTL);
            for (BookingState s : d.changedStates()) {
                BookingState old = states.get(s.bookingId());
                long oldVersion = old == null ? 0 : old.version();
                if (s.version() != oldVersion + 1) {
                    throw new AssertionError("version " + s.version() + " written over " + oldVersion);
                }
                states.put(s.bookingId(), enqueued && !s.pendingKeys().isEmpty() ? s.pendingCleared() : s);
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
