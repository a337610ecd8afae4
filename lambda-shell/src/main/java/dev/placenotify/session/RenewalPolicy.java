package dev.placenotify.session;

import java.time.Duration;

/**
 * Limits on automated login per account, so a failing login never turns into a storm Naver would punish
 * (locking the account or demanding a captcha): at most {@code maxAttemptsPerHour} attempts in an hour,
 * {@code backoffBase} doubling per transient failure in a row up to {@code backoffMax}, and a claim
 * {@code lease} longer than one login, after which a crashed renewer's claim may be taken over.
 */
public record RenewalPolicy(int maxAttemptsPerHour, Duration backoffBase, Duration backoffMax, Duration lease) {
    public RenewalPolicy {
        if (maxAttemptsPerHour < 1) {
            throw new IllegalArgumentException("maxAttemptsPerHour must be at least 1, was " + maxAttemptsPerHour);
        }
        if (backoffBase.isNegative() || backoffMax.compareTo(backoffBase) < 0) {
            throw new IllegalArgumentException("back-off must satisfy 0 <= base <= max, was " + backoffBase + " / " + backoffMax);
        }
        if (lease.isZero() || lease.isNegative()) {
            throw new IllegalArgumentException("lease must be positive, was " + lease);
        }
    }

    public Duration backoffAfter(int failuresInRow) {
        if (failuresInRow <= 0) {
            return Duration.ZERO;
        }
        Duration wait = backoffBase;
        for (int i = 1; i < failuresInRow && wait.compareTo(backoffMax) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(backoffMax) > 0 ? backoffMax : wait;
    }
}
