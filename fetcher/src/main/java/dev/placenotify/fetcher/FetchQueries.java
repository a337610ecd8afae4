package dev.placenotify.fetcher;

import dev.placenotify.fetcher.NaverBookingClient.StatusQuery;
import dev.placenotify.model.DateWindow;
import dev.placenotify.model.FetchRequest;
import dev.placenotify.model.Messages;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Which Naver queries a fetch needs: confirmed (RC03) and cancelled (RC04) bookings over the whole
 * window, so cancellations of bookings still ahead reach the planner; completed (RC08) only up to the
 * cycle's day, since a booking cannot be completed in the future.
 */
public final class FetchQueries {
    public static final String CONFIRMED = "RC03";
    public static final String CANCELLED = "RC04";
    public static final String COMPLETED = "RC08";

    private FetchQueries() {}

    public static List<StatusQuery> forRequest(FetchRequest request) {
        DateWindow w = request.window();
        List<StatusQuery> queries = new ArrayList<>();
        queries.add(new StatusQuery(CONFIRMED, w));
        queries.add(new StatusQuery(CANCELLED, w));
        LocalDate cycleDay = LocalDate.ofInstant(request.cycleAt(), Messages.KST);
        if (!w.from().isAfter(cycleDay)) {
            queries.add(new StatusQuery(COMPLETED, new DateWindow(w.from(), w.to().isAfter(cycleDay) ? cycleDay : w.to())));
        }
        return queries;
    }

    /** The scheduled window: from the cycle's day to {@code horizonDays} ahead. */
    public static DateWindow scheduledWindow(Instant cycleAt, int horizonDays) {
        LocalDate today = LocalDate.ofInstant(cycleAt, Messages.KST);
        return new DateWindow(today, today.plusDays(horizonDays));
    }
}
