package dev.placenotify.bench.cycle;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Memory of this process over one measured cycle. Locally every stage runs in this one JVM, together
 * with ElasticMQ and the simulators (dynalite is a separate Node process and not counted), so these are
 * upper bounds for any single stage.
 *
 * <ul>
 *   <li>peak heap used: the heap pools' peaks, summed (what the collector let accumulate, not what was live)</li>
 *   <li>max heap after GC: the most heap still in use right after a collection (the live set, roughly)</li>
 *   <li>peak RSS: the kernel's high-water mark (VmHWM), reset at the start of the cycle where the kernel allows</li>
 * </ul>
 */
final class ProcessMemory {
    private static final AtomicLong MAX_AFTER_GC = new AtomicLong();
    private static volatile boolean listening;

    /** What was measured; RSS figures are -1 where /proc is not readable. */
    record Figures(long peakHeapUsed, long maxHeapAfterGc, long maxHeap, long peakRss, long rss, boolean rssPeakReset) {
        String describe() {
            return String.format("peak heap used %d MB, max heap after GC %s, max heap (-Xmx) %d MB, peak RSS %s%s",
                    mb(peakHeapUsed), maxHeapAfterGc > 0 ? mb(maxHeapAfterGc) + " MB" : "n/a (no GC ran)", mb(maxHeap),
                    peakRss < 0 ? "n/a" : mb(peakRss) + " MB", rssPeakReset ? "" : " (since JVM start: peak could not be reset)");
        }
    }

    private boolean rssReset;

    /** Forgets earlier peaks: call right before the measured cycle. */
    void reset() {
        listen();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
        MAX_AFTER_GC.set(0);
        try {
            // "5" resets the resident set high-water mark (Linux >= 4.0).
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
            rssReset = true;
        } catch (IOException | UnsupportedOperationException e) {
            rssReset = false;
        }
    }

    Figures measure() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        long max = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax();
        return new Figures(peak, MAX_AFTER_GC.get(), max, statusKb("VmHWM"), statusKb("VmRSS"), rssReset);
    }

    private static synchronized void listen() {
        if (listening) {
            return;
        }
        listening = true;
        ManagementFactory.getGarbageCollectorMXBeans().forEach(gc -> {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((notification, handback) -> {
                    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                        return;
                    }
                    var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                    long used = 0;
                    for (var e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                        if (heapPool(e.getKey())) {
                            used += e.getValue().getUsed();
                        }
                    }
                    MAX_AFTER_GC.accumulateAndGet(used, Math::max);
                }, null, null);
            }
        });
    }

    private static boolean heapPool(String name) {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getName().equals(name)) {
                return pool.getType() == MemoryType.HEAP;
            }
        }
        return false;
    }

    private static long statusKb(String field) {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/self/status"));
            for (String line : lines) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    static long mb(long bytes) {
        return bytes / (1024 * 1024);
    }
}
