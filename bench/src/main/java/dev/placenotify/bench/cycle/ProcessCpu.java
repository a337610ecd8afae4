package dev.placenotify.bench.cycle;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * CPU time this JVM (all four stages, ElasticMQ, the simulators) and its dynalite child (the DynamoDB
 * emulator, a Node process) spent over a measured cycle: compared with the wall time, it tells whether
 * the local run was bound by the machine's cores rather than by the simulated latencies.
 */
final class ProcessCpu {
    /** Linux reports /proc/PID/stat times in clock ticks; 100 per second on every common kernel configuration. */
    private static final double TICKS_PER_SECOND = 100.0;

    record Use(double jvmSeconds, double dynaliteSeconds) {
        String describe(Duration wall) {
            double seconds = wall == null ? 0 : wall.toMillis() / 1000.0;
            return String.format(Locale.ROOT, "JVM %.1f s + dynalite %.1f s of CPU%s", jvmSeconds, dynaliteSeconds,
                    seconds > 0 ? String.format(Locale.ROOT, " = %.2f of %d cores busy on average over the cycle",
                            (jvmSeconds + dynaliteSeconds) / seconds, Runtime.getRuntime().availableProcessors()) : "");
        }
    }

    private final double jvmStart = jvmSeconds();
    private final double dynaliteStart = dynaliteSeconds();

    Use since() {
        return new Use(jvmSeconds() - jvmStart, dynaliteSeconds() - dynaliteStart);
    }

    private static double jvmSeconds() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime() / 1e9;
        }
        return 0;
    }

    /** Sum over this JVM's Node children (dynalite); 0 where /proc is not readable. */
    private static double dynaliteSeconds() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("node")).orElse(false))
                .mapToDouble(p -> ticks(p.pid()) / TICKS_PER_SECOND).sum();
    }

    private static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // Fields after the command (which may hold spaces) start after the last ')'; utime and stime are 14 and 15.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
