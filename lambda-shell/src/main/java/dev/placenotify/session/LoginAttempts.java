package dev.placenotify.session;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How often automated login was tried for an account: the start times of the attempts in the last hour (the
 * budget is a sliding hour), the transient failures in a row since the last success (the back-off), and the moment
 * before which no new attempt may start ({@code notBefore}, null when none is pending).
 */
public record LoginAttempts(List<Instant> recent, int failuresInRow, Instant notBefore) {
    public static final Duration WINDOW = Duration.ofHours(1);
    public static final LoginAttempts NONE = new LoginAttempts(List.of(), 0, null);

    public LoginAttempts {
        recent = recent == null ? List.of() : recent.stream().sorted().toList();
    }

    /** The attempts that started less than an hour before {@code now}. */
    public List<Instant> withinHourOf(Instant now) {
        Instant from = now.minus(WINDOW);
        return recent.stream().filter(t -> t.isAfter(from)).toList();
    }

    /** When the oldest attempt of the last hour leaves it (the budget frees up), or null with none. */
    public Instant budgetFreesAt(Instant now) {
        return withinHourOf(now).stream().min(Comparator.naturalOrder()).map(t -> t.plus(WINDOW)).orElse(null);
    }

    /** One more attempt starting at {@code now}; attempts older than an hour are forgotten. */
    public LoginAttempts counted(Instant now) {
        List<Instant> kept = new ArrayList<>(withinHourOf(now));
        kept.add(now);
        return new LoginAttempts(kept, failuresInRow, notBefore);
    }

    /** After a login that worked: the back-off is over, the hour's attempts still count. */
    public LoginAttempts succeeded() {
        return new LoginAttempts(recent, 0, null);
    }

    /**
     * After a transient failure at {@code now}: the next attempt waits {@code base × 2^(failures-1)} (at most the
     * policy's maximum), and at least until the budget frees up when the hour's attempts are spent.
     */
    public LoginAttempts failed(Instant now, RenewalPolicy policy) {
        int failures = failuresInRow + 1;
        Instant next = now.plus(policy.backoffAfter(failures));
        if (withinHourOf(now).size() >= policy.maxAttemptsPerHour()) {
            Instant frees = budgetFreesAt(now);
            next = next.isAfter(frees) ? next : frees;
        }
        return new LoginAttempts(recent, failures, next);
    }

    public boolean waitingAt(Instant now) {
        return notBefore != null && now.isBefore(notBefore);
    }
}
