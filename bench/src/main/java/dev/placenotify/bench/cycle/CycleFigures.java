package dev.placenotify.bench.cycle;

import dev.placenotify.local.LocalPipeline;
import dev.placenotify.testsupport.sim.SensMessage;
import dev.placenotify.testsupport.sim.TelegramMessage;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one measured cycle showed. Times are taken on the pipeline's simulated clock, which the tick sets
 * to the cycle time and which then runs at real speed: an SMS's latency is its arrival at the SENS
 * simulator minus the tick (SENS's own simulated latency comes on top), the cycle's wall time is the
 * summary's arrival at the Telegram simulator minus the tick.
 */
record CycleFigures(String workload, String shape, int stores, int bookings, int expectedSms, Duration wallTime,
                    int smsReceived, int duplicateSms, Duration p50, Duration p95, Duration maxLatency,
                    Duration firstSms, Duration lastSms, List<StageBusy> stages, Duration naverMean, Duration naverMin,
                    Duration naverMax, Duration naverWallMean, String summaryLine, SummaryCheck balance, ProcessMemory.Figures memory,
                    ProcessCpu.Use cpu, double extrapolation) {

    /** One stage's handler time over the cycle, summed over its concurrent invocations. */
    record StageBusy(String stage, Duration busy, long messages, long invocations) {}

    static CycleFigures observe(String shape, BenchWorkload workload, LocalPipeline pipeline, ApiLatencies latencies,
                                String runId, Instant tick, List<StageBusy> stages, ProcessMemory.Figures memory,
                                ProcessCpu.Use cpu, double extrapolation) {
        List<SensMessage> sms = pipeline.sens.messages().stream().filter(m -> !m.receivedAt().isBefore(tick)).toList();
        List<Duration> latency = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        int duplicates = 0;
        for (SensMessage m : sms) {
            latency.add(Duration.between(tick, m.receivedAt()));
            if (m.idempotencyKey() != null && !keys.add(m.idempotencyKey())) {
                duplicates++;
            }
        }
        Collections.sort(latency);
        Optional<TelegramMessage> summary = summaryAfter(pipeline, tick);
        Duration wall = summary.map(t -> Duration.between(tick, t.receivedAt())).orElse(null);
        var naverRequests = pipeline.naver.requests().stream().filter(r -> !r.receivedAt().isBefore(tick)).toList();
        Map<String, Duration> naver = latencies.naverTimePerStore(naverRequests, workload);
        Map<String, Duration> naverWall = latencies.naverWallPerStore(naverRequests, workload);
        Duration naverWallMean = naverWall.isEmpty() ? Duration.ZERO
                : naverWall.values().stream().reduce(Duration.ZERO, Duration::plus).dividedBy(naverWall.size());
        Duration naverMin = naver.values().stream().min(Duration::compareTo).orElse(Duration.ZERO);
        Duration naverMax = naver.values().stream().max(Duration::compareTo).orElse(Duration.ZERO);
        Duration naverMean = naver.isEmpty() ? Duration.ZERO
                : naver.values().stream().reduce(Duration.ZERO, Duration::plus).dividedBy(naver.size());
        // The runs table keeps the summary's one-line form; the Telegram text carries the same balance.
        String line = pipeline.runStatus(runId).summaryLine();
        if (line == null) {
            line = summary.map(TelegramMessage::text).orElse(null);
        }
        return new CycleFigures(workload.name(), shape, workload.storeIds().size(), workload.bookings(), workload.expectedSms(),
                wall, sms.size(), duplicates, percentile(latency, 50), percentile(latency, 95),
                latency.isEmpty() ? null : latency.get(latency.size() - 1), latency.isEmpty() ? null : latency.get(0),
                latency.isEmpty() ? null : latency.get(latency.size() - 1), stages, naverMean, naverMin, naverMax, naverWallMean,
                line, SummaryCheck.parse(line), memory, cpu, extrapolation);
    }

    /** The first Telegram message after the tick with a run summary's headline ("실행 완료" / "실행 미완료"). */
    static Optional<TelegramMessage> summaryAfter(LocalPipeline pipeline, Instant tick) {
        return pipeline.telegram.messages().stream()
                .filter(t -> !t.receivedAt().isBefore(tick))
                .filter(t -> t.text().contains("실행 완료") || t.text().contains("실행 미완료"))
                .findFirst();
    }

    static Duration percentile(List<Duration> sorted, int p) {
        if (sorted.isEmpty()) {
            return null;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    boolean accounted() {
        return balance != null && balance.accountsFor(smsReceived, expectedSms) && duplicateSms == 0;
    }

    double smsPerSecond() {
        return wallTime == null || wallTime.isZero() ? 0 : smsReceived / (wallTime.toMillis() / 1000.0);
    }

    Duration extrapolatedWall() {
        return wallTime == null ? null : Duration.ofMillis(Math.round(wallTime.toMillis() * extrapolation));
    }

    void print(PrintStream out) {
        out.printf(Locale.ROOT, "-- %s, %s: %d stores, %d bookings, %d SMS expected%n", workload, shape, stores, bookings,
                expectedSms);
        out.printf(Locale.ROOT, "   cycle wall time (tick -> summary at Telegram): %s%s%n", seconds(wallTime),
                extrapolation != 1.0 ? String.format(Locale.ROOT, "  => extrapolated x%.1f to the full workload: %s",
                        extrapolation, seconds(extrapolatedWall())) : "");
        out.printf(Locale.ROOT, "   SMS at SENS: %d (duplicates %d), %.1f SMS/s over the cycle%n", smsReceived, duplicateSms,
                smsPerSecond());
        out.printf(Locale.ROOT, "   per-SMS latency (tick -> arrival at SENS): p50 %s, p95 %s, max %s; first %s%n",
                seconds(p50), seconds(p95), seconds(maxLatency), seconds(firstSms));
        out.printf(Locale.ROOT, "   Naver latency per store fetch, summed over its requests: mean %s, min %s, max %s;"
                + " waited for (first request to last answer): mean %s%n", seconds(naverMean), seconds(naverMin), seconds(naverMax),
                seconds(naverWallMean));
        for (StageBusy s : stages) {
            out.printf(Locale.ROOT, "   stage %-9s busy %9s over %d messages in %d invocations%n", s.stage(), seconds(s.busy()),
                    s.messages(), s.invocations());
        }
        if (cpu != null) {
            out.println("   CPU: " + cpu.describe(wallTime));
        }
        if (memory != null) {
            out.println("   memory (whole JVM: all four stages + ElasticMQ + simulators): " + memory.describe());
        }
        out.println("   summary: " + (summaryLine == null ? "NONE POSTED" : summaryLine.replace('\n', ' ')));
        out.println("   every SMS accounted for in the summary: " + (balance == null ? "cannot tell (summary line not parsed)"
                : accounted() ? "yes" : "NO (" + balance + ")"));
    }

    static String seconds(Duration d) {
        return d == null ? "n/a" : String.format(Locale.ROOT, "%.2f s", d.toNanos() / 1e9);
    }
}
