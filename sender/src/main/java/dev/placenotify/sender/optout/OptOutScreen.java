package dev.placenotify.sender.optout;

import dev.placenotify.model.ContentType;
import dev.placenotify.model.SmsJob;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which jobs about to go to SENS the unsubscribe list lets through (pure: the list, or its absence,
 * is given). Only advertising ({@code AD}) is screened: informational texts (a confirmation, a door
 * code) go to everyone who booked. An advertisement to a listed number is skipped; when the list could
 * not be read, every advertisement is held back, never sent blind.
 */
public final class OptOutScreen {
    public static final String OPTED_OUT_REASON =
            "opted out: the number is on the SENS 080 unsubscribe list (수신거부); advertising is never sent to it";
    public static final String UNAVAILABLE_REASON =
            "held: the SENS unsubscribe list cannot be read, so advertising waits (never sent blind)";

    private OptOutScreen() {}

    /**
     * @param pass      jobs that may go: every non-AD job, and AD jobs to numbers not listed
     * @param optedOut  AD jobs to listed numbers: settled SKIPPED with {@link #OPTED_OUT_REASON}
     * @param held      AD jobs when the list is unavailable: handed back unsent, to try later
     */
    public record Result<T>(List<T> pass, List<T> optedOut, List<T> held) {}

    /** Sorts {@code items} (each carrying a job, {@code jobOf}) by the list, or by its absence (empty). */
    public static <T> Result<T> screen(List<T> items, Function<T, SmsJob> jobOf, Optional<OptOutList> list) {
        List<T> pass = new ArrayList<>();
        List<T> optedOut = new ArrayList<>();
        List<T> held = new ArrayList<>();
        for (T item : items) {
            SmsJob job = jobOf.apply(item);
            if (job.contentType() != ContentType.AD) {
                pass.add(item);
            } else if (list.isEmpty()) {
                held.add(item);
            } else if (list.get().contains(job.recipient())) {
                optedOut.add(item);
            } else {
                pass.add(item);
            }
        }
        return new Result<>(pass, optedOut, held);
    }

    /** Whether any of the items is advertising, i.e. whether the list must be read at all. */
    public static <T> boolean needsList(List<T> items, Function<T, SmsJob> jobOf) {
        return items.stream().anyMatch(i -> jobOf.apply(i).contentType() == ContentType.AD);
    }
}
