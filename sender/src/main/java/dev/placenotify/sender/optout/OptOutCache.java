package dev.placenotify.sender.optout;

import dev.placenotify.sender.SensCredentials;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The unsubscribe list of one warm sender instance: read from SENS when an advertisement is about to
 * go and the copy in memory is older than {@code maxAge} (so a number added on the 080 line or by
 * {@code operator optout add} is honoured within that age), and only then. A list that cannot be read
 * is no list: the last copy is not used past its age, and advertising waits.
 */
public final class OptOutCache {
    private static final Logger LOG = LoggerFactory.getLogger(OptOutCache.class);

    private final SensUnsubscribes sens;
    private final Supplier<SensCredentials> credentials;
    private final Duration maxAge;
    private final Clock clock;
    private OptOutList cached;

    public OptOutCache(SensUnsubscribes sens, Supplier<SensCredentials> credentials, Duration maxAge, Clock clock) {
        this.sens = sens;
        this.credentials = credentials;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /** The list, fresh within {@code maxAge}; empty when it cannot be read now. */
    public synchronized Optional<OptOutList> current() {
        Instant now = clock.instant();
        if (cached != null && cached.freshAt(now, maxAge)) {
            return Optional.of(cached);
        }
        try {
            cached = OptOutList.of(sens.list(credentials.get()).stream().map(SensUnsubscribes.Entry::clientTelNo).toList(), now);
            LOG.info("read the SENS unsubscribe list: {} numbers", cached.size());
            return Optional.of(cached);
        } catch (RuntimeException e) {
            LOG.warn("cannot read the SENS unsubscribe list ({}): advertising is held", e.getMessage());
            cached = null;
            return Optional.empty();
        }
    }
}
