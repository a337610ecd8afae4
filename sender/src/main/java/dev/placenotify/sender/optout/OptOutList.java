package dev.placenotify.sender.optout;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The SENS 080 unsubscribe list (수신거부) as read at {@code readAt}, numbers normalised
 * ({@link PhoneNumbers#normalise}).
 */
public record OptOutList(Set<String> numbers, Instant readAt) {
    public OptOutList {
        numbers = Set.copyOf(numbers);
    }

    public static OptOutList of(Collection<String> listed, Instant readAt) {
        return new OptOutList(listed.stream().map(PhoneNumbers::normalise).filter(n -> !n.isEmpty())
                .collect(Collectors.toSet()), readAt);
    }

    public boolean contains(String phone) {
        String n = PhoneNumbers.normalise(phone);
        return !n.isEmpty() && numbers.contains(n);
    }

    /** Whether the list is still fresh enough to decide by at {@code now}. */
    public boolean freshAt(Instant now, Duration maxAge) {
        return !now.isBefore(readAt) && Duration.between(readAt, now).compareTo(maxAge) < 0;
    }

    public int size() {
        return numbers.size();
    }
}
