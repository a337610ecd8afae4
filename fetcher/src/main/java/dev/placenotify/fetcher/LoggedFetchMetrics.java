package dev.placenotify.fetcher;

import dev.placenotify.model.MessageCodec;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Per-store figures as one {@code fetch-figures {json}} log line: the same numbers EMF would publish. */
public final class LoggedFetchMetrics implements FetchMetrics {
    private static final Logger LOG = LoggerFactory.getLogger(LoggedFetchMetrics.class);

    @Override
    public void record(FetchFigures f) {
        LOG.info("fetch-figures {}", line(f));
    }

    static String line(FetchFigures f) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("runId", f.runId());
        out.put("storeId", f.storeId());
        out.put("accountId", f.accountId());
        out.put("durationMs", f.durationMillis());
        out.put("pages", f.pages());
        Map<String, Integer> byStatus = new LinkedHashMap<>();
        FetchFigures.STATUSES.forEach(s -> byStatus.put(s, f.bookings(s)));
        f.bookingsByStatus().forEach(byStatus::putIfAbsent);
        out.put("bookings", byStatus);
        out.put("skipped", f.skipped());
        out.put("chunks", f.chunks());
        out.put("errors", f.ok() ? 0 : 1);
        if (!f.ok()) {
            out.put("error", f.error().name());
        }
        return MessageCodec.encode(out);
    }
}
