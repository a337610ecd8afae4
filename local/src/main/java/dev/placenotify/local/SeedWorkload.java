package dev.placenotify.local;

import dev.placenotify.testsupport.sim.NaverBookingJson;

import dev.placenotify.model.Messages;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The legacy system's first production cycle, rebuilt as data: 8 stores, 147 confirmed and 34
 * completed bookings at 2025-10-22 14:00 KST, of which 8 confirmed bookings are new (3 of them starting
 * within 2 hours) and 12 known ones are due for their reminder. Deterministic for a given cycle time.
 *
 * <p>{@link #before()} is what Naver showed a day earlier: the known bookings only, all still
 * confirmed. Seeding state from it (a SEED backfill) makes them "known" without texting anyone.
 */
public final class SeedWorkload {
    public static final Instant LEGACY_CYCLE = ZonedDateTime.of(2025, 10, 22, 14, 0, 0, 0, Messages.KST).toInstant();
    public static final List<String> STORES = List.of("1051707", "951291", "1120125", "1285716", "1462519", "1473826",
            "1466783", "867589");
    /** New confirmed bookings per store, as the legacy report counted them. */
    private static final Map<String, Integer> NEW_PER_STORE = Map.of("1051707", 3, "951291", 2, "1120125", 1,
            "1285716", 1, "1466783", 1);
    private static final List<String> NEW_SOON = List.of("1051707", "951291", "1120125");
    private static final String[] SURNAMES = {"김", "이", "박", "최", "정", "강", "조", "윤", "장", "임"};
    private static final String[] GIVEN = {"민수", "서연", "지훈", "하은", "도윤", "수아", "예준", "지민", "서준", "하린"};
    private static final String[] ITEMS = {"키즈룸 2시간", "파티룸 3시간", "스터디룸 2시간", "놀이방 1시간"};

    private final Instant cycle;
    private final Map<String, List<Map<String, Object>>> at = new LinkedHashMap<>();
    private final Map<String, List<Map<String, Object>>> before = new LinkedHashMap<>();
    private int dueReminders;
    private int newBookings;
    private int newInsideLead;

    public SeedWorkload(Instant cycle) {
        this.cycle = cycle;
        build();
    }

    public static SeedWorkload legacy() {
        return new SeedWorkload(LEGACY_CYCLE);
    }

    private void build() {
        Random random = new Random(20251022L);
        long nextId = 900_000_000L;
        LocalDate today = LocalDate.ofInstant(cycle, Messages.KST);
        Instant day = today.atStartOfDay(Messages.KST).toInstant();
        int confirmedKnown = 147 - 8;
        int completed = 34;
        int reminderDue = 12;
        for (String store : STORES) {
            at.put(store, new ArrayList<>());
            before.put(store, new ArrayList<>());
        }
        for (int i = 0; i < confirmedKnown; i++) {
            String store = STORES.get(i % STORES.size());
            Instant start;
            if (i < reminderDue) {
                // Known bookings starting 30-110 minutes after the cycle: their reminder is due now.
                start = cycle.plus(Duration.ofMinutes(30 + (i % 5) * 20L));
            } else {
                // Later today after the reminder window, or one of the next 13 days, 10:00-20:00.
                int dayOffset = 1 + random.nextInt(13);
                start = day.plus(Duration.ofDays(dayOffset)).plus(Duration.ofHours(10 + random.nextInt(11)));
            }
            Map<String, Object> b = booking(nextId++, store, "RC03", start, random);
            at.get(store).add(b);
            before.get(store).add(b);
        }
        for (int i = 0; i < completed; i++) {
            String store = STORES.get((i * 3) % STORES.size());
            Instant start = day.plus(Duration.ofHours(9)).plus(Duration.ofMinutes(30L * (i % 8)));
            Map<String, Object> b = booking(nextId++, store, "RC08", start, random);
            at.get(store).add(b);
            before.get(store).add(NaverBookingJson.withStatus(b, "RC03"));
        }
        for (var e : NEW_PER_STORE.entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
            for (int i = 0; i < e.getValue(); i++) {
                boolean soon = i == 0 && NEW_SOON.contains(e.getKey());
                Instant start = soon ? cycle.plus(Duration.ofMinutes(90))
                        : day.plus(Duration.ofDays(2 + i)).plus(Duration.ofHours(15));
                at.get(e.getKey()).add(booking(nextId++, e.getKey(), "RC03", start, random));
                newBookings++;
                if (soon) {
                    newInsideLead++;
                }
            }
        }
        dueReminders = reminderDue;
    }

    private Map<String, Object> booking(long id, String store, String status, Instant start, Random random) {
        String name = SURNAMES[random.nextInt(SURNAMES.length)] + GIVEN[random.nextInt(GIVEN.length)];
        String phone = String.format("010-%04d-%04d", 1000 + random.nextInt(9000), random.nextInt(10000));
        return NaverBookingJson.of(id, store, ITEMS[random.nextInt(ITEMS.length)], status, name, phone,
                1 + random.nextInt(4), start.minus(Duration.ofDays(3)), start, Duration.ofHours(2));
    }

    /** Naver's bookings per store at the cycle. */
    public Map<String, List<Map<String, Object>>> atCycle() {
        return at;
    }

    /** Naver's bookings per store a day before the cycle (for the SEED backfill). */
    public Map<String, List<Map<String, Object>>> before() {
        return before;
    }

    public Instant cycle() {
        return cycle;
    }

    /** SMS the cycle must send: a confirmation per new booking, a reminder per due and per new-inside-lead one. */
    public int expectedConfirmations() {
        return newBookings;
    }

    public int expectedReminders() {
        return dueReminders + newInsideLead;
    }
}
