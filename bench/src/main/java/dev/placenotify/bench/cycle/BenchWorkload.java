package dev.placenotify.bench.cycle;

import dev.placenotify.testsupport.BundledStores;
import dev.placenotify.testsupport.sim.NaverBookingJson;
import dev.placenotify.local.SeedWorkload;
import dev.placenotify.model.Messages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * One benchmark workload as data: which stores exist (a store catalog file, or the bundled one for the
 * seed), what Naver shows a day before the cycle (the known bookings, recorded by a SEED backfill) and
 * at the cycle, and how many SMS the cycle must send.
 *
 * @param storesFile catalog to run with, empty for the bundled {@code stores.json}
 * @param expectedSms confirmations + reminders the cycle must send (the rules' answer, worked out when generating)
 */
public record BenchWorkload(String name, Instant cycle, List<String> storeIds, Optional<Path> storesFile,
                            Map<String, List<Map<String, Object>>> before, Map<String, List<Map<String, Object>>> atCycle,
                            int expectedSms) {

    private static final String[] SURNAMES = {"김", "이", "박", "최", "정", "강", "조", "윤", "장", "임"};
    private static final String[] GIVEN = {"민수", "서연", "지훈", "하은", "도윤", "수아", "예준", "지민", "서준", "하린"};
    private static final String[] ITEMS = {"키즈룸 2시간", "파티룸 3시간", "스터디룸 2시간", "놀이방 1시간"};

    /** Shares of a store's bookings at the cycle; the rest are known confirmed bookings further ahead (no SMS). */
    public record Shares(double newBookings, double dueReminders, double completed, double cancelled) {
        public static final Shares DEFAULT = new Shares(0.10, 0.10, 0.20, 0.04);

        public Shares {
            if (newBookings < 0 || dueReminders < 0 || completed < 0 || cancelled < 0
                    || newBookings + dueReminders + completed + cancelled > 1.0 + 1e-9) {
                throw new IllegalArgumentException("shares must be non-negative and add up to at most 1");
            }
        }
    }

    /** The legacy first production cycle: 8 stores, 147 confirmed + 34 completed, 8 new, 12 due reminders. */
    public static BenchWorkload seed() {
        SeedWorkload seed = SeedWorkload.legacy();
        return new BenchWorkload("seed", seed.cycle(), List.copyOf(seed.atCycle().keySet()), Optional.empty(),
                seed.before(), seed.atCycle(), seed.expectedConfirmations() + seed.expectedReminders());
    }

    /**
     * {@code stores} × {@code perStore} bookings at the legacy cycle time (14:00 KST, outside the evening
     * event window): per store, {@code round(share × perStore)} new bookings (a confirmation each, starting
     * 2-13 days ahead), known ones due for their reminder (starting 30-110 minutes after the cycle),
     * completed today and cancelled (state updates, no SMS with the catalog's default settings).
     * Deterministic; writes the store catalog under {@code dir}.
     */
    public static BenchWorkload generated(int stores, int perStore, Shares shares, Path dir) {
        Instant cycle = SeedWorkload.LEGACY_CYCLE;
        Instant day = LocalDate.ofInstant(cycle, Messages.KST).atStartOfDay(Messages.KST).toInstant();
        int fresh = (int) Math.round(shares.newBookings() * perStore);
        int due = (int) Math.round(shares.dueReminders() * perStore);
        int completed = (int) Math.round(shares.completed() * perStore);
        int cancelled = (int) Math.round(shares.cancelled() * perStore);
        int rest = perStore - fresh - due - completed - cancelled;
        if (rest < 0) {
            throw new IllegalArgumentException("rounded shares exceed " + perStore + " bookings per store");
        }
        Random random = new Random(stores * 31L + perStore);
        List<String> ids = new ArrayList<>();
        Map<String, List<Map<String, Object>>> before = new LinkedHashMap<>();
        Map<String, List<Map<String, Object>>> at = new LinkedHashMap<>();
        long nextId = 700_000_000L;
        for (int s = 0; s < stores; s++) {
            String store = Integer.toString(3_000_000 + s);
            ids.add(store);
            List<Map<String, Object>> b = new ArrayList<>();
            List<Map<String, Object>> a = new ArrayList<>();
            for (int i = 0; i < due; i++) {
                Map<String, Object> k = booking(nextId++, store, "RC03", cycle.plus(Duration.ofMinutes(30 + (i % 5) * 20L)), random);
                b.add(k);
                a.add(k);
            }
            for (int i = 0; i < rest; i++) {
                Instant start = day.plus(Duration.ofDays(1 + random.nextInt(13))).plus(Duration.ofHours(10 + random.nextInt(11)));
                Map<String, Object> k = booking(nextId++, store, "RC03", start, random);
                b.add(k);
                a.add(k);
            }
            for (int i = 0; i < completed; i++) {
                Map<String, Object> k = booking(nextId++, store, "RC08",
                        day.plus(Duration.ofHours(9)).plus(Duration.ofMinutes(30L * (i % 8))), random);
                b.add(NaverBookingJson.withStatus(k, "RC03"));
                a.add(k);
            }
            for (int i = 0; i < cancelled; i++) {
                Instant start = day.plus(Duration.ofDays(1 + random.nextInt(13))).plus(Duration.ofHours(11));
                Map<String, Object> k = booking(nextId++, store, "RC04", start, random);
                b.add(NaverBookingJson.withStatus(k, "RC03"));
                a.add(k);
            }
            for (int i = 0; i < fresh; i++) {
                Instant start = day.plus(Duration.ofDays(2 + (i % 12))).plus(Duration.ofHours(15));
                a.add(booking(nextId++, store, "RC03", start, random));
            }
            before.put(store, b);
            at.put(store, a);
        }
        Path file = dir.resolve("stores-" + stores + "x" + perStore + ".json");
        writeCatalog(file, ids);
        return new BenchWorkload(stores + "x" + perStore, cycle, List.copyOf(ids), Optional.of(file), before, at,
                stores * (fresh + due));
    }

    /** The first {@code n} stores only (this workload when {@code n} covers all), for a sequential reference on a sample. */
    public BenchWorkload firstStores(int n, Path dir) {
        if (n >= storeIds.size()) {
            return this;
        }
        List<String> sample = storeIds.subList(0, n);
        Map<String, List<Map<String, Object>>> b = new LinkedHashMap<>();
        Map<String, List<Map<String, Object>>> a = new LinkedHashMap<>();
        sample.forEach(id -> {
            b.put(id, before.get(id));
            a.put(id, atCycle.get(id));
        });
        Path file = dir.resolve("stores-" + name + "-first" + n + ".json");
        writeCatalog(file, sample);
        int sms = (int) Math.round((double) expectedSms * n / storeIds.size());
        return new BenchWorkload(name + " (first " + n + " stores)", cycle, List.copyOf(sample), Optional.of(file), b, a, sms);
    }

    public int bookings() {
        return atCycle.values().stream().mapToInt(List::size).sum();
    }

    public int knownBookings() {
        return before.values().stream().mapToInt(List::size).sum();
    }

    private static Map<String, Object> booking(long id, String store, String status, Instant start, Random random) {
        String name = SURNAMES[random.nextInt(SURNAMES.length)] + GIVEN[random.nextInt(GIVEN.length)];
        String phone = String.format("010-%04d-%04d", 1000 + random.nextInt(9000), random.nextInt(10000));
        return NaverBookingJson.of(id, store, ITEMS[random.nextInt(ITEMS.length)], status, name, phone,
                1 + random.nextInt(4), start.minus(Duration.ofDays(3)), start, Duration.ofHours(2));
    }

    private static void writeCatalog(Path file, List<String> ids) {
        StringBuilder json = new StringBuilder("{\"defaultCallbackNumber\":\"0311234567\",\"stores\":[\n");
        for (int i = 0; i < ids.size(); i++) {
            // Each store its own callback number, as in production: the sender cannot merge stores into one SENS request.
            json.append(String.format("{\"storeId\":\"%s\",\"name\":\"벤치%04d호점\",\"callbackNumber\":\"031%07d\"}%s%n",
                    ids.get(i), i + 1, 1_000_000 + i, i + 1 < ids.size() ? "," : ""));
        }
        json.append("]}\n");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, BundledStores.withChainDefaults(json.toString()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write store catalog " + file, e);
        }
    }
}
