package dev.placenotify.planner.core;

import dev.placenotify.model.ContentType;
import dev.placenotify.model.Messages;
import dev.placenotify.planner.rules.BookingFacts;
import dev.placenotify.planner.rules.Condition;
import dev.placenotify.planner.rules.Rule;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;

/**
 * How long a planned text stays worth sending ({@code SmsJob.notAfter}), from what its rule's
 * conditions imply: a text about a reservation that must not have started is stale at the start; a
 * text allowed in one hour of the day is stale when that hour ends; "booking date today" ends at
 * midnight KST; advertising ends where quiet hours begin (21:00 KST). {@code validForMinutes} bounds
 * it further; a rule that implies nothing is valid for {@link #DEFAULT_VALIDITY} after the cycle.
 */
final class Validity {
    private Validity() {}

    static final Duration DEFAULT_VALIDITY = Duration.ofHours(24);
    static final LocalTime QUIET_FROM = LocalTime.of(21, 0);
    static final LocalTime QUIET_UNTIL = LocalTime.of(8, 0);

    static Instant notAfter(Rule rule, ContentType contentType, BookingFacts facts) {
        Instant bound = null;
        for (Condition c : rule.when()) {
            Instant until = c.validUntil(facts).orElse(null);
            bound = earlier(bound, until);
        }
        if (rule.validForMinutes() != null) {
            bound = earlier(bound, facts.now().plus(Duration.ofMinutes(rule.validForMinutes())));
        }
        if (bound == null) {
            bound = facts.now().plus(DEFAULT_VALIDITY);
        }
        if (contentType == ContentType.AD) {
            bound = earlier(bound, quietHoursFrom(facts.now()));
        }
        return bound;
    }

    /** The start of the quiet hours at or after {@code now}; {@code now} itself when already inside them. */
    static Instant quietHoursFrom(Instant now) {
        ZonedDateTime t = now.atZone(Messages.KST);
        LocalTime time = t.toLocalTime();
        if (!time.isBefore(QUIET_FROM) || time.isBefore(QUIET_UNTIL)) {
            return now;
        }
        return t.toLocalDate().atTime(QUIET_FROM).atZone(Messages.KST).toInstant();
    }

    private static Instant earlier(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }
}
