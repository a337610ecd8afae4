package dev.placenotify.model;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** Inclusive range of reservation dates in KST. */
public record DateWindow(LocalDate from, LocalDate to) {
    /** Naver answers at most 31 days per query. */
    public static final int MAX_DAYS_PER_QUERY = 31;

    public DateWindow {
        Required.field(from, "window.from");
        Required.field(to, "window.to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("window.to " + to + " is before window.from " + from);
        }
    }

    public long days() {
        return ChronoUnit.DAYS.between(from, to) + 1;
    }

    /** Consecutive slices of at most {@code maxDays} days that cover this window exactly. */
    public List<DateWindow> slices(int maxDays) {
        List<DateWindow> slices = new ArrayList<>();
        LocalDate start = from;
        while (!start.isAfter(to)) {
            LocalDate end = start.plusDays(maxDays - 1L);
            if (end.isAfter(to)) {
                end = to;
            }
            slices.add(new DateWindow(start, end));
            start = end.plusDays(1);
        }
        return slices;
    }
}
