package dev.placenotify.bench.cycle;

import dev.placenotify.local.LocalPipeline;
import dev.placenotify.testsupport.sim.NaverBookingJson;
import dev.placenotify.testsupport.SimulatedClock;
import dev.placenotify.testsupport.aws.LocalAws;
import dev.placenotify.model.Booking;
import dev.placenotify.model.BookingSnapshot;
import dev.placenotify.model.ContentType;
import dev.placenotify.model.DateWindow;
import dev.placenotify.model.FetchMode;
import dev.placenotify.model.FetchRequest;
import dev.placenotify.model.MessageCodec;
import dev.placenotify.model.Messages;
import dev.placenotify.model.RunStarted;
import dev.placenotify.model.SmsJob;
import dev.placenotify.model.SmsType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/**
 * Cold start per stage: one child JVM per run with {@code -cp <stage>-lambda.jar:<probe class>}, the
 * Lambda java21 runtime's JIT setting (C1 only) and the serial collector, its environment pointing at a
 * local pipeline whose stages are not running (queues, tables and simulators only, no latency). The
 * {@link ColdStartProbe} reports JVM start → handler constructed → first event handled.
 *
 * <p>Why one class of this size: it is a harness (child JVM launch, probe protocol, figures) read top to bottom,
 * not production code; nothing else calls its parts.
 */
final class ColdStart {
    private static final String STORE = "1051707";
    private static final List<String> JVM_FLAGS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC", "-Xshare:auto", "-Xmx512m");

    private ColdStart() {}

    private record Stage(String module, String handler) {
        Path jar() {
            return Path.of(module, "target", module + "-1.0.0-SNAPSHOT-lambda.jar");
        }
    }

    private static final List<Stage> STAGES = List.of(
            new Stage("fetcher", "dev.placenotify.fetcher.FetchHandler"),
            new Stage("planner", "dev.placenotify.planner.PlannerHandler"),
            new Stage("sender", "dev.placenotify.sender.SenderHandler"),
            new Stage("notifier", "dev.placenotify.notifier.NotifierHandler"));

    /** One probe's report, in milliseconds. */
    record Probe(long jvmToMain, long init, long firstInvoke, long jvmToFirstEvent, long secondInvoke, long spawnToFirstEvent,
                 int firstFailures, int classesAtMain, int classesAfterInit, int classesAfterFirst) {}

    static int run(LocalAws aws, int runs, boolean classLog, boolean cds, Path dir, PrintStream out) {
        Instant now = Instant.now();
        SimulatedClock clock = new SimulatedClock(now);
        try (LocalPipeline pipeline = LocalPipeline.start(aws,
                LocalPipeline.Options.defaults("bench-cold-" + Long.toString(System.nanoTime() % 1_000_000, 36)).withoutStages(),
                clock)) {
            pipeline.naver.setBookings(STORE, naverBookings(now));
            Path probeDir = probeJar(dir.resolve("probe.jar"));
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            out.println("cold start: " + runs + " run(s) per stage, JVM " + System.getProperty("java.version") + " " + JVM_FLAGS
                    + ", one child JVM per run, simulators without latency");
            List<Stage> present = new ArrayList<>();
            for (Stage stage : STAGES) {
                if (Files.isRegularFile(stage.jar())) {
                    present.add(stage);
                } else {
                    out.println("  " + stage.module() + ": " + stage.jar() + " missing: build it with ./mvnw -B -q install -DskipTests");
                }
            }
            Probing probing = new Probing(java, probeDir, pipeline, dir, now, out);
            boolean allOk = present.size() == STAGES.size();
            allOk &= probing.measure(present, runs, stage -> List.of(), "as deployed (no SnapStart, no CDS archive)");
            if (cds) {
                // What an application class-data-sharing archive would give: one training run per stage writes
                // the archive at exit, the measured runs map it instead of loading and verifying the classes.
                Path archives = dir.resolve("cds");
                Files.createDirectories(archives);
                for (Stage stage : present) {
                    Path jsa = archives.resolve(stage.module() + ".jsa");
                    Files.deleteIfExists(jsa);
                    probing.probe(stage, List.of("-XX:ArchiveClassesAtExit=" + jsa), false);
                }
                allOk &= probing.measure(present, runs,
                        stage -> List.of("-XX:SharedArchiveFile=" + archives.resolve(stage.module() + ".jsa")),
                        "with an AppCDS archive from one training run (-XX:SharedArchiveFile)");
            }
            if (classLog) {
                for (Stage stage : present) {
                    Map<String, Integer> packages = probing.probe(stage, List.of(), true).lazyPackages();
                    out.println("  classes " + stage.module() + " loaded during its first invocation, by package (top 15):");
                    packages.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(15)
                            .forEach(e -> out.printf(Locale.ROOT, "    %5d  %s%n", e.getValue(), e.getKey()));
                }
            }
            return allOk ? 0 : 1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs probes against one local pipeline. */
    private record Probing(Path java, Path probeDir, LocalPipeline pipeline, Path dir, Instant now, PrintStream out) {
        boolean measure(List<Stage> stages, int runs, java.util.function.Function<Stage, List<String>> flags, String title) {
            boolean ok = true;
            Map<String, List<Probe>> results = new LinkedHashMap<>();
            for (Stage stage : stages) {
                List<Probe> probes = new ArrayList<>();
                for (int i = 0; i < runs; i++) {
                    Run r = probe(stage, flags.apply(stage), false);
                    probes.add(r.probe());
                    if (r.probe().firstFailures() > 0) {
                        ok = false;
                        out.println("  " + stage.module() + ": the first event was handed back as failed; probe output:");
                        r.tail().forEach(line -> out.println("    | " + (line.length() > 400 ? line.substring(0, 400) + "…" : line)));
                    }
                }
                results.put(stage.module(), probes);
            }
            out.println(" " + title + ":");
            print(results, out);
            return ok;
        }

        Run probe(Stage stage, List<String> flags, boolean classLog) {
            return ColdStart.probe(java, stage, probeDir, pipeline, dir, now, flags, classLog);
        }
    }

    private record Run(Probe probe, Map<String, Integer> lazyPackages, List<String> tail) {}

    private static Run probe(Path java, Stage stage, Path probeDir, LocalPipeline pipeline, Path dir, Instant now,
                             List<String> flags, boolean classLog) {
        try {
            Path first = dir.resolve("probe-" + stage.module() + "-1.json");
            Path second = dir.resolve("probe-" + stage.module() + "-2.json");
            Files.writeString(first, body(stage.module(), now), StandardCharsets.UTF_8);
            Files.writeString(second, body(stage.module(), now), StandardCharsets.UTF_8);
            List<String> command = new ArrayList<>();
            command.add(java.toString());
            command.addAll(JVM_FLAGS);
            command.addAll(flags);
            if (classLog) {
                command.add("-Xlog:class+load=info:stdout");
            }
            command.addAll(List.of("-cp", stage.jar() + ":" + probeDir, ColdStartProbe.class.getName(), stage.handler(),
                    first.toString(), second.toString()));
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            Map<String, String> env = pb.environment();
            env.keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("JAVA_TOOL") || k.startsWith("_JAVA"));
            env.putAll(pipeline.env());
            env.put("AWS_ACCESS_KEY_ID", "local");
            env.put("AWS_SECRET_ACCESS_KEY", "local");
            env.put("AWS_EC2_METADATA_DISABLED", "true");
            env.put("AWS_EMF_ENVIRONMENT", "Lambda");
            env.put("AWS_LAMBDA_FUNCTION_NAME", "place-notify-bench-" + stage.module());
            long spawned = System.nanoTime();
            Process process = pb.start();
            Map<String, String> report = null;
            long firstDone = -1;
            Map<String, Integer> lazy = new TreeMap<>();
            String phase = "init";
            List<String> tail = new ArrayList<>();
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    if (line.startsWith("PROBE-MARK init-done")) {
                        phase = "first";
                    } else if (line.startsWith("PROBE-MARK first-done")) {
                        firstDone = System.nanoTime();
                        phase = "second";
                    } else if (line.startsWith("PROBE ")) {
                        report = parse(line);
                    } else if (classLog && phase.equals("first") && line.contains("[class,load]")) {
                        lazy.merge(packageOf(line), 1, Integer::sum);
                    } else if (!line.contains("[class,load]")) {
                        tail.add(line);
                        if (tail.size() > 20) {
                            tail.remove(0);
                        }
                    }
                }
            }
            int exit = process.waitFor();
            if (report == null || exit != 0) {
                throw new IllegalStateException("probe of " + stage.module() + " exited " + exit + " without a report; last output:\n"
                        + String.join("\n", tail));
            }
            long spawnToFirst = firstDone < 0 ? -1 : (firstDone - spawned) / 1_000_000;
            Probe p = new Probe(num(report, "jvmToMain"), num(report, "init"), num(report, "firstInvoke"),
                    num(report, "jvmToFirstEvent"), num(report, "secondInvoke"), spawnToFirst, (int) num(report, "firstFailures"),
                    (int) num(report, "classesAtMain"), (int) num(report, "classesAfterInit"), (int) num(report, "classesAfterFirst"));
            return new Run(p, lazy, tail);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void print(Map<String, List<Probe>> results, PrintStream out) {
        out.println("  stage     | JVM start -> first event handled (median, min-max) | process spawn -> first event | "
                + "JVM -> main | handler init | 1st invoke | 2nd invoke | classes: at main / +init / +1st invoke | 1st failures");
        results.forEach((stage, probes) -> {
            List<Long> total = probes.stream().map(Probe::jvmToFirstEvent).sorted().toList();
            Probe m = probes.stream().sorted(Comparator.comparingLong(Probe::jvmToFirstEvent)).toList().get(probes.size() / 2);
            out.printf(Locale.ROOT, "  %-9s | %6d ms (%d-%d) | %6d ms | %4d ms | %5d ms | %5d ms | %4d ms | %d / +%d / +%d | %d%n",
                    stage, m.jvmToFirstEvent(), total.get(0), total.get(total.size() - 1), m.spawnToFirstEvent(), m.jvmToMain(),
                    m.init(), m.firstInvoke(), m.secondInvoke(), m.classesAtMain(), m.classesAfterInit() - m.classesAtMain(),
                    m.classesAfterFirst() - m.classesAfterInit(), m.firstFailures());
        });
        out.println("  target: JVM start -> first handled event < 1500 ms per stage without SnapStart (median row shown)");
    }

    private static String body(String module, Instant now) {
        String runId = "probe-" + UUID.randomUUID().toString().substring(0, 8);
        LocalDate today = LocalDate.ofInstant(now, Messages.KST);
        DateWindow window = new DateWindow(today, today.plusDays(14));
        return switch (module) {
            case "fetcher" -> MessageCodec.encode(FetchRequest.of(runId, STORE, window, FetchMode.NORMAL, now));
            case "planner" -> {
                List<Booking> bookings = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    Instant start = now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(26 + 5L * i));
                    bookings.add(new Booking(runId + "-" + i, STORE, "키즈룸 2시간", i % 5 == 4 ? "RC04" : "RC03", "김민수",
                            "010-1234-" + String.format("%04d", i), 2, now.minus(Duration.ofHours(1)),
                            LocalDate.ofInstant(start, Messages.KST), start, start.plus(Duration.ofHours(2))));
                }
                yield MessageCodec.encode(new BookingSnapshot(Messages.SCHEMA_VERSION, runId, STORE, now, now, FetchMode.NORMAL,
                        window, 0, 1, bookings, List.of()));
            }
            case "sender" -> MessageCodec.encode(new SmsJob(Messages.SCHEMA_VERSION, runId, STORE, runId + "-b", "CONFIRMATION", null, null,
                    "01012345678", "0311234567", SmsType.SMS, ContentType.COMM, null,
                    "[화성점] 김민수님, 예약이 확정되었습니다. 감사합니다.", STORE + ":" + runId + "-b:CONFIRMATION", now, now.plusSeconds(86_400), null));
            case "notifier" -> MessageCodec.encode(RunStarted.of(runId, now, FetchMode.NORMAL, List.of(STORE)));
            default -> throw new IllegalArgumentException(module);
        };
    }

    private static List<Map<String, Object>> naverBookings(Instant now) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Instant start = now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(3 + 7L * i));
            list.add(NaverBookingJson.of(800_000_000L + i, STORE, "키즈룸 2시간", i % 10 == 9 ? "RC04" : "RC03", "이서연",
                    "010-2345-" + String.format("%04d", i), 2, now.minus(Duration.ofDays(1)), start, Duration.ofHours(2)));
        }
        return list;
    }

    /**
     * The probe alone, in a jar (class-data sharing accepts only jars on the class path), so the child's
     * class path holds the stage's jar and nothing else of this module.
     */
    private static Path probeJar(Path jar) {
        try {
            Files.createDirectories(jar.getParent());
            String prefix = ColdStartProbe.class.getSimpleName();
            String packagePath = ColdStartProbe.class.getPackageName().replace('.', '/') + "/";
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
                for (String name : List.of(prefix, prefix + "$ProbeContext", prefix + "$ProbeContext$1")) {
                    try (InputStream in = ColdStartProbe.class.getResourceAsStream(name + ".class")) {
                        if (in == null) {
                            throw new IllegalStateException("probe class " + name + " not found next to " + ColdStartProbe.class);
                        }
                        out.putNextEntry(new JarEntry(packagePath + name + ".class"));
                        out.write(in.readAllBytes());
                        out.closeEntry();
                    }
                }
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the probe jar", e);
        }
    }

    private static Map<String, String> parse(String line) {
        Map<String, String> m = new HashMap<>();
        for (String part : line.substring("PROBE ".length()).trim().split(" ")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                m.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        return m;
    }

    private static long num(Map<String, String> report, String key) {
        String v = report.get(key);
        return v == null ? -1 : Long.parseLong(v);
    }

    /** "[0.412s][info][class,load] software.amazon.awssdk.core.X source: ..." -> "software.amazon.awssdk.core". */
    static String packageOf(String line) {
        int start = line.indexOf("] ", line.indexOf("[class,load]"));
        String rest = start < 0 ? line : line.substring(start + 2);
        String name = rest.split(" ")[0];
        String[] parts = name.split("\\.");
        int depth = Math.min(parts.length - 1, 4);
        return depth <= 0 ? name : String.join(".", java.util.Arrays.copyOf(parts, depth));
    }
}
