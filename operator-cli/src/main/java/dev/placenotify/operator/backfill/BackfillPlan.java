package dev.placenotify.operator.backfill;

import dev.placenotify.model.DateWindow;
import dev.placenotify.model.FetchMode;
import dev.placenotify.model.FetchRequest;
import dev.placenotify.model.Messages;
import dev.placenotify.model.RunStarted;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * What a backfill enqueues: the window cut into slices of at most 31 days (one fetch fits its Lambda's
 * timeout), and one run per slice. A run per slice, not one run for all, because the notifier accounts a
 * run per store (one StoreFetched, chunk indexes from 0): two fetches of one store in one run would collide.
 * Run ids are {@code b<KST time>} ({@code -1}, {@code -2}, ... per slice when there is more than one), apart
 * from the scheduled {@code c...} runs. {@code cycleAt} is the moment of the backfill: it is what every stage
 * takes as "now" for these messages.
 */
public final class BackfillPlan {
    /** A longer window is more likely a typo than a wish; split it into several backfills. */
    public static final int MAX_WINDOW_DAYS = 366;
    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("'b'yyyyMMdd'T'HHmmss");

    private BackfillPlan() {}

    public static List<BackfillRun> plan(List<String> storeIds, DateWindow window, FetchMode mode, Instant now) {
        if (storeIds.isEmpty()) {
            throw new IllegalArgumentException("a backfill needs at least one store");
        }
        if (window.days() > MAX_WINDOW_DAYS) {
            throw new IllegalArgumentException("the window " + window.from() + ".." + window.to() + " spans " + window.days()
                    + " days; at most " + MAX_WINDOW_DAYS + " per backfill");
        }
        List<String> stores = List.copyOf(new LinkedHashSet<>(storeIds));
        Instant cycleAt = now.truncatedTo(ChronoUnit.SECONDS);
        String base = RUN_ID.format(ZonedDateTime.ofInstant(cycleAt, Messages.KST));
        List<DateWindow> slices = window.slices(DateWindow.MAX_DAYS_PER_QUERY);
        List<BackfillRun> runs = new ArrayList<>();
        for (int i = 0; i < slices.size(); i++) {
            String runId = slices.size() == 1 ? base : base + "-" + (i + 1);
            DateWindow slice = slices.get(i);
            runs.add(new BackfillRun(runId, RunStarted.of(runId, cycleAt, mode, stores),
                    stores.stream().map(s -> FetchRequest.of(runId, s, slice, mode, cycleAt)).toList()));
        }
        return runs;
    }
}
