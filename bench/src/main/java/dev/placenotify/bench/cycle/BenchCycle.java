package dev.placenotify.bench.cycle;

import dev.placenotify.testsupport.aws.LocalAws;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ./bench-cycle}: the whole local pipeline on generated workloads at the legacy's external
 * latencies, beside a sequential reference of the same workload, and ({@code cold-start}) each stage's
 * shaded jar from JVM start to its first handled event. Prints figures; asserts nothing.
 */
public final class BenchCycle {
    private BenchCycle() {}

    /** What to run; see {@link #usage}. */
    record Options(List<String> workloads, BenchWorkload.Shares shares, ApiLatencies latencies, int referenceStores,
                   boolean warmup, Map<String, Integer> concurrency, Map<String, String> env, boolean referenceOnly, boolean coldStart, int coldStartRuns, boolean classLog,
                   boolean cds) {

        static Options parse(List<String> args) {
            List<String> workloads = new ArrayList<>();
            BenchWorkload.Shares shares = BenchWorkload.Shares.DEFAULT;
            long naver = ApiLatencies.LEGACY.naverPerStore().toMillis();
            long sens = ApiLatencies.LEGACY.sens().toMillis();
            long telegram = ApiLatencies.LEGACY.telegram().toMillis();
            long slack = ApiLatencies.LEGACY.slack().toMillis();
            int reference = 20;
            boolean coldStart = false;
            int runs = 3;
            boolean classLog = false;
            boolean warmup = true;
            boolean cds = false;
            Map<String, Integer> concurrency = new LinkedHashMap<>();
            Map<String, String> env = new LinkedHashMap<>();
            boolean referenceOnly = false;
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                switch (a) {
                    case "cold-start" -> coldStart = true;
                    case "--workload" -> workloads.addAll(List.of(value(args, ++i, a).split(",")));
                    case "--shares" -> {
                        String[] p = value(args, ++i, a).split(",");
                        if (p.length != 4) {
                            throw new IllegalArgumentException("--shares takes new,due,completed,cancelled");
                        }
                        shares = new BenchWorkload.Shares(Double.parseDouble(p[0]), Double.parseDouble(p[1]),
                                Double.parseDouble(p[2]), Double.parseDouble(p[3]));
                    }
                    case "--naver-ms" -> naver = Long.parseLong(value(args, ++i, a));
                    case "--sens-ms" -> sens = Long.parseLong(value(args, ++i, a));
                    case "--telegram-ms" -> telegram = Long.parseLong(value(args, ++i, a));
                    case "--slack-ms" -> slack = Long.parseLong(value(args, ++i, a));
                    case "--reference-stores" -> {
                        String v = value(args, ++i, a);
                        reference = v.equals("all") ? Integer.MAX_VALUE : Integer.parseInt(v);
                    }
                    case "--runs" -> runs = Integer.parseInt(value(args, ++i, a));
                    case "--class-log" -> classLog = true;
                    case "--no-warmup" -> warmup = false;
                    case "--cds" -> cds = true;
                    case "--reference-only" -> referenceOnly = true;
                    case "--fetch-concurrency" -> concurrency.put("fetcher", Integer.parseInt(value(args, ++i, a)));
                    case "--concurrency" -> {
                        for (String part : value(args, ++i, a).split(",")) {
                            String[] kv = part.split("=", 2);
                            if (kv.length != 2 || !List.of("fetcher", "planner", "sender", "notifier").contains(kv[0])) {
                                throw new IllegalArgumentException("--concurrency takes stage=N[,stage=N] (fetcher, planner, sender, notifier)");
                            }
                            concurrency.put(kv[0], Integer.parseInt(kv[1]));
                        }
                    }
                    case "--env" -> {
                        String[] kv = value(args, ++i, a).split("=", 2);
                        if (kv.length != 2) {
                            throw new IllegalArgumentException("--env takes NAME=VALUE");
                        }
                        env.put(kv[0], kv[1]);
                    }
                    default -> throw new IllegalArgumentException("unknown argument " + a + " (try --help)");
                }
            }
            if (workloads.isEmpty()) {
                workloads = List.of("seed", "100x50", "1000x50");
            }
            return new Options(workloads, shares, new ApiLatencies(Duration.ofMillis(naver), Duration.ofMillis(sens),
                    Duration.ofMillis(telegram), Duration.ofMillis(slack)), reference, warmup, Map.copyOf(concurrency), Map.copyOf(env), referenceOnly, coldStart, runs, classLog, cds);
        }

        private static String value(List<String> args, int i, String option) {
            if (i >= args.size()) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args.get(i);
        }
    }

    static void usage(PrintStream out) {
        out.println("""
                usage: ./bench-cycle [--workload seed|SxB[,...]] [--shares new,due,completed,cancelled]
                                     [--naver-ms 4000] [--sens-ms 342] [--telegram-ms 156] [--slack-ms 203]
                                     [--reference-stores N|all] [--reference-only] [--no-warmup]
                                     [--concurrency stage=N,...] [--fetch-concurrency N] [--env NAME=VALUE]
                       ./bench-cycle cold-start [--runs 3] [--class-log] [--cds]
                  --workload          seed (the legacy cycle: 8 stores, 181 bookings) or S stores x B bookings per store;
                                      default: seed,100x50,1000x50
                  --shares            of each store's bookings: new, due for the reminder, completed, cancelled
                                      (default 0.10,0.10,0.20,0.04; the rest are known bookings further ahead)
                  --naver-ms          simulated Naver time per store fetch, spread over the store's requests
                  --reference-stores  the sequential reference runs the first N stores and is extrapolated linearly
                                      to the whole workload (default 20; 0 skips it; all runs every store)
                  --reference-only    run only the sequential reference of each workload
                  --concurrency       what-if: invocations at once per stage instead of Topology's, e.g.
                                      fetcher=100,notifier=8 (the Naver simulator gets enough workers for the fetchers)
                  --fetch-concurrency N is --concurrency fetcher=N
                  --env               a stage setting for both shapes, e.g. NAVER_REQUESTS_PER_SECOND=5 (the deployed
                                      pacing; LocalPipeline turns it off)
                  --no-warmup         skip the unmeasured warm-up cycle (the seed workload without latency) that
                                      first loads and compiles every stage's code path in this JVM
                  cold-start          each stage's shaded jar in its own JVM: JVM start -> first handled event
                    --class-log       also list, per stage, the classes its first invocation loaded (by package)
                    --cds             also measure with an AppCDS archive made by one training run per stage
                JVM options for the pipeline's JVM: BENCH_CYCLE_JAVA_OPTS (e.g. -Xmx256m).""");
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        int code;
        try {
            if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
                usage(out);
                code = 0;
            } else {
                code = run(Options.parse(List.of(args)), out);
            }
        } catch (IllegalArgumentException e) {
            out.println("bench-cycle: " + e.getMessage());
            code = 2;
        } catch (RuntimeException e) {
            out.println("bench-cycle failed: " + e);
            e.printStackTrace(out);
            code = 1;
        }
        // ElasticMQ and the HTTP servers keep non-daemon threads: leave explicitly.
        System.exit(code);
    }

    static int run(Options options, PrintStream out) {
        header(out);
        Path dir = Path.of("bench", "target", "cycle");
        try (LocalAws aws = LocalAws.start()) {
            if (options.coldStart()) {
                return ColdStart.run(aws, options.coldStartRuns(), options.classLog(), options.cds(), dir, out);
            }
            out.println("latencies: " + options.latencies() + (options.env().isEmpty() ? "" : "; stage settings " + options.env()));
            if (options.warmup()) {
                // Warm stages, as a deployed function is after its first invocations: the seed workload once,
                // pipeline and sequential, without latency. Cold starts are measured apart (cold-start).
                long started = System.nanoTime();
                PrintStream quiet = new PrintStream(java.io.OutputStream.nullOutputStream());
                BenchWorkload seed = BenchWorkload.seed();
                PipelineCycle.run(aws, seed, ApiLatencies.NONE, options.concurrency(), options.env(), Duration.ofMinutes(3),
                        quiet);
                SequentialReference.run(aws, seed, 1.0, ApiLatencies.NONE, options.env(), Duration.ofMinutes(3), quiet);
                out.printf(Locale.ROOT, "warm-up (seed workload once, pipeline and sequential, no latency, not measured): %.1f s%n",
                        (System.nanoTime() - started) / 1e9);
            }
            boolean allOk = true;
            for (String name : options.workloads()) {
                BenchWorkload workload = workload(name, options.shares(), dir);
                out.println();
                out.printf("== workload %s: %d stores, %d bookings (%d known before the cycle), %d SMS due%n", workload.name(),
                        workload.storeIds().size(), workload.bookings(), workload.knownBookings(), workload.expectedSms());
                Duration timeout = timeout(workload, options.latencies());
                CycleFigures pipeline = null;
                if (!options.referenceOnly()) {
                    pipeline = PipelineCycle.run(aws, workload, options.latencies(), options.concurrency(),
                            options.env(), timeout, out);
                    pipeline.print(out);
                }
                CycleFigures reference = null;
                if (options.referenceStores() > 0) {
                    int n = Math.min(options.referenceStores(), workload.storeIds().size());
                    BenchWorkload sample = workload.firstStores(n, dir);
                    double factor = (double) workload.storeIds().size() / n;
                    reference = SequentialReference.run(aws, sample, factor, options.latencies(), options.env(),
                            timeout(sample, options.latencies()).multipliedBy(10), out);
                    reference.print(out);
                }
                if (pipeline != null) {
                    allOk &= verdict(workload, pipeline, reference, out);
                }
            }
            return allOk ? 0 : 1;
        }
    }

    static BenchWorkload workload(String name, BenchWorkload.Shares shares, Path dir) {
        if (name.equals("seed")) {
            return BenchWorkload.seed();
        }
        String[] p = name.toLowerCase(Locale.ROOT).split("x");
        if (p.length != 2) {
            throw new IllegalArgumentException("workload '" + name + "': use seed or STORESxBOOKINGS, e.g. 100x50");
        }
        return BenchWorkload.generated(Integer.parseInt(p[0]), Integer.parseInt(p[1]), shares, dir);
    }

    private static Duration timeout(BenchWorkload w, ApiLatencies l) {
        // Generous: every fetch at the fetch queue's concurrency, every SMS one after another, plus slack.
        long fetch = l.naverPerStore().toMillis() * w.storeIds().size() / 10;
        long sms = l.sens().toMillis() * w.expectedSms();
        return Duration.ofMillis(fetch + sms).plusMinutes(5);
    }

    /** The targets, stated against what was measured. */
    private static boolean verdict(BenchWorkload workload, CycleFigures pipeline, CycleFigures reference, PrintStream out) {
        boolean ok = pipeline.wallTime() != null && pipeline.accounted();
        out.println("   verdict:");
        if (reference != null && pipeline.wallTime() != null && reference.wallTime() != null) {
            double ratio = (double) reference.extrapolatedWall().toMillis() / pipeline.wallTime().toMillis();
            out.printf(Locale.ROOT, "     sequential reference / pipeline = %.1fx%s%n", ratio,
                    reference.extrapolation() != 1.0 ? " (reference extrapolated from " + reference.stores() + " stores)" : "");
            if (workload.name().equals("seed")) {
                out.printf(Locale.ROOT, "     target >= 5x faster than the sequential reference: %s%n", ratio >= 5 ? "met" : "MISSED");
            }
        }
        if (workload.name().equals("seed")) {
            out.printf(Locale.ROOT, "     target seed cycle < 8 s (legacy 145 s): %s%n",
                    pipeline.wallTime() != null && pipeline.wallTime().toMillis() < 8000 ? "met" : "MISSED");
        }
        if (workload.storeIds().size() == 1000) {
            out.printf(Locale.ROOT, "     target 1,000 stores < 90 s with every SMS accounted for: %s%n",
                    pipeline.wallTime() != null && pipeline.wallTime().toMillis() < 90_000 && pipeline.accounted() ? "met" : "MISSED");
        }
        out.println("     every SMS accounted for: " + (pipeline.accounted() ? "yes" : "NO"));
        return ok;
    }

    private static void header(PrintStream out) {
        String load;
        try {
            load = Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            load = "n/a";
        }
        out.println("place-notify bench-cycle, " + DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(ZonedDateTime.now())
                + ", " + Runtime.getRuntime().availableProcessors() + " cores, load average " + load);
        out.println("JVM " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + ", max heap "
                + ProcessMemory.mb(Runtime.getRuntime().maxMemory()) + " MB, flags " + ManagementFactory.getRuntimeMXBean()
                .getInputArguments().stream().filter(a -> a.startsWith("-X")).toList());
    }
}
