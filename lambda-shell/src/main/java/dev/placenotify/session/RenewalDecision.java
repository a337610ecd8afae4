package dev.placenotify.session;

import java.time.Instant;
import java.util.Optional;

/**
 * Whether an automated login may start now for an account, decided from the session item as read. The claim
 * that follows a {@link Proceed} is conditional on the version read, so two renewers that both decided to
 * proceed on the same item cannot both log in.
 */
public sealed interface RenewalDecision {
    /** Log in; {@code attempts} already counts this attempt and is what the claim writes. */
    record Proceed(LoginAttempts attempts) implements RenewalDecision {}

    /** The stored session is valid and nobody forced a login. */
    record NotNeeded() implements RenewalDecision {}

    /** Automated login needs a human first (captcha, second factor, wrong password, changed page). */
    record Blocked(String reason) implements RenewalDecision {}

    /** Another renewer holds an unexpired claim. */
    record InProgress(Instant leaseUntil) implements RenewalDecision {}

    /** Back-off after a failure, or the hour's attempts are spent; {@code why} says which. */
    record Waiting(Instant until, String why) implements RenewalDecision {}

    static RenewalDecision decide(Optional<NaverSession> seen, boolean force, Instant now, RenewalPolicy policy) {
        if (seen.isEmpty()) {
            return new Proceed(LoginAttempts.NONE.counted(now));
        }
        NaverSession s = seen.get();
        if (s.loginBlocked() != null) {
            return new Blocked(s.loginBlocked());
        }
        if (s.renewingAt(now)) {
            return new InProgress(s.renewalLeaseUntil());
        }
        if (!force && s.valid()) {
            return new NotNeeded();
        }
        LoginAttempts attempts = s.attempts();
        if (!force && attempts.waitingAt(now)) {
            return new Waiting(attempts.notBefore(), "back-off after " + attempts.failuresInRow() + " failed login(s) in a row");
        }
        int lastHour = attempts.withinHourOf(now).size();
        if (!force && lastHour >= policy.maxAttemptsPerHour()) {
            return new Waiting(attempts.budgetFreesAt(now),
                    lastHour + " login attempts in the last hour (at most " + policy.maxAttemptsPerHour() + ")");
        }
        return new Proceed(attempts.counted(now));
    }
}
