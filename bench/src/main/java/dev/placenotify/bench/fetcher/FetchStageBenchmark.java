package dev.placenotify.bench.fetcher;

import dev.placenotify.fetcher.FetchQueries;
import dev.placenotify.local.LocalPipeline;
import dev.placenotify.local.SeedWorkload;
import dev.placenotify.model.DateWindow;
import dev.placenotify.model.FetchMode;
import dev.placenotify.model.FetchRequest;
import dev.placenotify.model.Messages;
import dev.placenotify.model.RunStarted;
import dev.placenotify.model.Topology;
import dev.placenotify.shell.QueuePublisher;
import dev.placenotify.testsupport.SimulatedClock;
import dev.placenotify.testsupport.StoreCatalogFiles;
import dev.placenotify.testsupport.SqsEventSource;
import dev.placenotify.testsupport.aws.LocalAws;
import dev.placenotify.testsupport.sim.BookingListRequest;
import dev.placenotify.testsupport.sim.NaverBookingJson;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Measures the fetch stage's wall time on the local stack (not a test: it prints figures). Every scenario
 * runs the whole pipeline (LocalPipeline: four stages at Topology's batch sizes and concurrency, the fetch
 * queue at {@code Topology.FETCH.maxConcurrency()} workers) with the production rate limit of 5 Naver
 * requests per second per store, after a warm-up backfill without latency. The fetch stage's wall time runs
 * from enqueueing the fetches to the fetch queue's event source having handled all of them.
 *
 * <p>How to run it (from {@code bench/target/benchmarks.jar}) and what it measured: docs/fetcher.md, "Benchmark".
 * Arguments: which scenarios ({@code 8}: the legacy seed's 8 stores, {@code 200}: 200 generated stores; both by default).
 */
public final class FetchStageBenchmark {
    private static final Instant CYCLE = SeedWorkload.LEGACY_CYCLE;
    private static final Duration LEGACY_PER_STORE = Duration.ofSeconds(4);
    private static final Duration RATE_INTERVAL = Duration.ofMillis(200); // 5 requests/s per store
    private static final Pattern STORE_PATH = Pattern.compile("^/api/businesses/([^/]+)/bookings/?$");
    private static final List<String> STATUSES = List.of("RC03", "RC04", "RC08");
    private static final AtomicInteger RUNS = new AtomicInteger();

    /** How the legacy's "4 s per store fetch" is injected. */
    enum Latency {
        NONE("none"),
        PER_STORE("4 s per store fetch, split over its requests"),
        PER_REQUEST("4 s per request");

        final String label;

        Latency(String label) {
            this.label = label;
        }
    }

    record Figures(String scenario, int stores, Latency latency, Duration wall, Duration firstRequest,
                   Duration lastAnswer, Duration fastestStore, Duration medianStore, Duration slowestStore, int requests,
                   Duration minGapPerStore, int gapsUnderLimit, int peakRequestsPerSecond) {}

    public static void main(String[] args) {
        List<String> which = args.length == 0 ? List.of("8", "200") : Arrays.asList(args);
        List<Figures> all = new ArrayList<>();
        try (LocalAws aws = LocalAws.start()) {
            if (which.contains("8")) {
                Map<String, List<Map<String, Object>>> legacy = SeedWorkload.legacy().atCycle();
                all.add(run(aws, "legacy seed, 8 stores", legacy, Latency.PER_REQUEST, false));
                all.add(run(aws, "legacy seed, 8 stores", legacy, Latency.PER_STORE, false));
            }
            if (which.contains("200")) {
                Map<String, List<Map<String, Object>>> many = generated(200, 20);
                all.add(run(aws, "200 stores x 20 bookings", many, Latency.NONE, true));
                all.add(run(aws, "200 stores x 20 bookings", many, Latency.PER_STORE, true));
                all.add(run(aws, "200 stores x 20 bookings", many, Latency.PER_REQUEST, true));
            }
        }
        System.out.println();
        System.out.printf("fetch stage, %d fetch workers (Topology.FETCH), rate limit %d ms between one store's requests, %d cores%n",
                Topology.FETCH.maxConcurrency(), RATE_INTERVAL.toMillis(), Runtime.getRuntime().availableProcessors());
        System.out.printf("%-26s %-44s %8s %8s %8s %24s %8s %8s %7s %8s%n", "scenario", "Naver latency", "wall",
                "1st req", "last ans", "store fetch min/med/max", "requests", "min gap", "<limit", "peak r/s");
        for (Figures f : all) {
            System.out.printf("%-26s %-44s %7.2fs %7.2fs %7.2fs %7.2f/%5.2f/%5.2f s %8d %5d ms %7d %8d%n", f.scenario(),
                    f.latency().label, secs(f.wall()), secs(f.firstRequest()), secs(f.lastAnswer()), secs(f.fastestStore()),
                    secs(f.medianStore()), secs(f.slowestStore()), f.requests(), f.minGapPerStore().toMillis(),
                    f.gapsUnderLimit(), f.peakRequestsPerSecond());
        }
        System.out.println("wall: enqueue to the last fetch message handled; 1st req / last ans: first Naver request"
                + " received / last answer sent, from the enqueue; store fetch: a store's first request to its last answer;"
                + " min gap: smallest gap between two arrivals of one store's requests (<limit: gaps under 190 ms)");
        System.out.println("legacy: 32 s for the 8 stores' fetch (one after another); targets: 8 stores < 6 s, 200 stores < 30 s");
    }

    static Figures run(LocalAws aws, String scenario, Map<String, List<Map<String, Object>>> bookings, Latency latency,
                       boolean backfill) {
        Map<String, String> accounts = new LinkedHashMap<>();
        bookings.keySet().forEach(s -> accounts.put(s, "default"));
        LocalPipeline.Options options = LocalPipeline.Options.defaults("fbench" + RUNS.incrementAndGet())
                .withStores(StoreCatalogFiles.write(accounts))
                .withEnv(Map.of("NAVER_REQUESTS_PER_SECOND", "5", "RUN_DEADLINE_SECONDS", "3600"));
        try (LocalPipeline p = LocalPipeline.start(aws, options, new SimulatedClock(CYCLE.minus(Duration.ofDays(1))))) {
            bookings.forEach(p.naver::setBookings);
            SqsEventSource fetcher = p.eventSources().stream().filter(s -> s.name().equals("fetcher")).findFirst().orElseThrow();
            List<String> stores = List.copyOf(bookings.keySet());

            // Warm-up (class loading, JIT, connection pools), not measured: a SEED backfill without latency.
            String warm = backfill(p, "warmup", CYCLE.minus(Duration.ofDays(1)), stores.subList(0, Math.min(20, stores.size())));
            p.awaitRun(warm, Duration.ofMinutes(5));
            p.awaitQuiet(Duration.ofMinutes(2));
            p.naver.reset();
            setLatency(p, bookings, latency);

            long handledBefore = fetcher.handledMessages();
            long started = System.nanoTime();
            String runId = backfill ? backfill(p, "measured", CYCLE, stores) : p.tick(CYCLE);
            while (fetcher.handledMessages() - handledBefore < stores.size()) {
                sleep(5);
            }
            Duration wall = Duration.ofNanos(System.nanoTime() - started);
            Figures f = figures(scenario, stores.size(), latency, wall, CYCLE, p.naver.requests(), bookings);
            System.out.printf("%s, %s: fetch stage %.2f s (%d requests)%n", scenario, latency.label, secs(wall), f.requests());
            // Let the rest of the run finish before the next scenario shares the machine.
            LocalPipeline.RunStatus status = p.awaitRun(runId, Duration.ofMinutes(3));
            System.out.printf("   run %s: %s%n", runId, status.summarized() ? status.summaryLine() : "not summarised within 3 min");
            return f;
        }
    }

    /** A backfill as the operator CLI enqueues one: the run announced, then one fetch per store. */
    static String backfill(LocalPipeline p, String name, Instant cycleAt, List<String> stores) {
        String runId = "b-" + name;
        p.clock().set(cycleAt);
        DateWindow window = FetchQueries.scheduledWindow(cycleAt, 14);
        new QueuePublisher(p.aws().sqs(), p.resources().queueUrl(Topology.RESULT))
                .publish(RunStarted.of(runId, cycleAt, FetchMode.SEED, stores));
        new QueuePublisher(p.aws().sqs(), p.resources().queueUrl(Topology.FETCH))
                .publishAll(stores.stream().map(s -> FetchRequest.of(runId, s, window, FetchMode.SEED, cycleAt)).toList());
        return runId;
    }

    static void setLatency(LocalPipeline p, Map<String, List<Map<String, Object>>> bookings, Latency latency) {
        Map<String, Duration> perRequest = new HashMap<>();
        bookings.forEach((store, list) -> perRequest.put(store, switch (latency) {
            case NONE -> Duration.ZERO;
            case PER_REQUEST -> LEGACY_PER_STORE;
            case PER_STORE -> LEGACY_PER_STORE.dividedBy(expectedRequests(list));
        }));
        p.naver.setLatencyPerRequest(r -> {
            Matcher m = STORE_PATH.matcher(r.path());
            return m.matches() ? perRequest.getOrDefault(m.group(1), Duration.ZERO) : Duration.ZERO;
        });
    }

    /** Requests the fetcher makes for a store's bookings in the scheduled window: pages of every status. */
    static int expectedRequests(List<Map<String, Object>> bookings) {
        int requests = 0;
        for (String status : STATUSES) {
            long n = bookings.stream().filter(b -> status.equals(b.get("bookingStatusCode"))).count();
            requests += (int) (n / 50) + 1;
        }
        return requests;
    }

    static Figures figures(String scenario, int stores, Latency latency, Duration wall, Instant enqueuedAt,
                           List<BookingListRequest> requests, Map<String, List<Map<String, Object>>> bookings) {
        Instant first = null;
        Instant last = null;
        Map<String, List<Instant>> arrivals = requests.stream().collect(Collectors.groupingBy(BookingListRequest::businessId,
                Collectors.mapping(BookingListRequest::receivedAt, Collectors.toList())));
        List<Duration> perStore = new ArrayList<>();
        Duration minGap = null;
        int underLimit = 0;
        for (Map.Entry<String, List<Instant>> e : arrivals.entrySet()) {
            List<Instant> sorted = e.getValue().stream().sorted().toList();
            Duration each = switch (latency) {
                case NONE -> Duration.ZERO;
                case PER_REQUEST -> LEGACY_PER_STORE;
                case PER_STORE -> LEGACY_PER_STORE.dividedBy(expectedRequests(bookings.get(e.getKey())));
            };
            perStore.add(Duration.between(sorted.get(0), sorted.get(sorted.size() - 1)).plus(each));
            Instant answered = sorted.get(sorted.size() - 1).plus(each);
            first = first == null || sorted.get(0).isBefore(first) ? sorted.get(0) : first;
            last = last == null || answered.isAfter(last) ? answered : last;
            for (int i = 1; i < sorted.size(); i++) {
                Duration gap = Duration.between(sorted.get(i - 1), sorted.get(i));
                minGap = minGap == null || gap.compareTo(minGap) < 0 ? gap : minGap;
                // Arrival times jitter by a few ms around the pacer's send times.
                if (gap.compareTo(RATE_INTERVAL.minusMillis(10)) < 0) {
                    underLimit++;
                }
            }
        }
        perStore.sort(Comparator.naturalOrder());
        Map<Long, Long> perSecond = requests.stream().collect(Collectors.groupingBy(r -> r.receivedAt().getEpochSecond(),
                Collectors.counting()));
        int peak = perSecond.values().stream().mapToInt(Long::intValue).max().orElse(0);
        Function<Integer, Duration> at = i -> perStore.isEmpty() ? Duration.ZERO : perStore.get(i);
        return new Figures(scenario, stores, latency, wall,
                first == null ? Duration.ZERO : Duration.between(enqueuedAt, first),
                last == null ? Duration.ZERO : Duration.between(enqueuedAt, last), at.apply(0), at.apply(perStore.size() / 2),
                at.apply(perStore.size() - 1), requests.size(), minGap == null ? Duration.ZERO : minGap, underLimit, peak);
    }

    /** {@code stores} stores with {@code perStore} confirmed bookings each over the next 13 days, two completed today. */
    static Map<String, List<Map<String, Object>>> generated(int stores, int perStore) {
        Map<String, List<Map<String, Object>>> out = new LinkedHashMap<>();
        LocalDate today = LocalDate.ofInstant(CYCLE, Messages.KST);
        long id = 700_000_000L;
        for (int s = 0; s < stores; s++) {
            String store = Integer.toString(6_000_000 + s);
            List<Map<String, Object>> list = new ArrayList<>();
            for (int i = 0; i < perStore; i++) {
                boolean completed = i < 2;
                Instant start = completed ? today.atTime(10 + i, 0).atZone(Messages.KST).toInstant()
                        : today.plusDays(1 + i % 13).atTime(10 + i % 10, 0).atZone(Messages.KST).toInstant();
                list.add(NaverBookingJson.of(id++, store, "키즈룸 2시간", completed ? "RC08" : "RC03", "김민수",
                        String.format("010-%04d-%04d", s, i), 2, CYCLE.minus(Duration.ofDays(2)), start, Duration.ofHours(2)));
            }
            out.put(store, list);
        }
        return out;
    }

    private static double secs(Duration d) {
        return d.toNanos() / 1e9;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
