package dev.placenotify.fetcher;

import dev.placenotify.model.DateWindow;
import dev.placenotify.model.FetchMode;
import dev.placenotify.model.FetchRequest;
import dev.placenotify.model.Messages;
import dev.placenotify.model.StoreSettings;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The schedule tick's plan: one run id for the cycle and one fetch request per enabled store. */
public final class FanOut {
    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("'c'yyyyMMdd'T'HHmm");

    private FanOut() {}

    /**
     * The run id comes from the cycle's scheduled time, not a random id, so a schedule that fires twice
     * for the same tick (EventBridge delivers at least once) lands in the same run.
     */
    public static String runIdFor(Instant cycleAt) {
        return RUN_ID.format(ZonedDateTime.ofInstant(cycleAt, Messages.KST));
    }

    public static List<FetchRequest> requests(String runId, Instant cycleAt, List<StoreSettings> stores, int horizonDays) {
        DateWindow window = FetchQueries.scheduledWindow(cycleAt, horizonDays);
        return stores.stream()
                .map(s -> FetchRequest.of(runId, s.storeId(), window, FetchMode.NORMAL, cycleAt))
                .toList();
    }
}
