package dev.placenotify.sender;

import dev.placenotify.model.ContentType;
import dev.placenotify.model.Messages;
import dev.placenotify.model.SmsJob;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Optional;

/**
 * Korean law: no advertising SMS from 21:00 to 08:00 KST without separate consent. 21:00 itself is
 * inside, 08:00 itself is outside.
 */
public final class QuietHours {
    static final LocalTime START = LocalTime.of(21, 0);
    static final LocalTime END = LocalTime.of(8, 0);

    private QuietHours() {}

    public static boolean contains(Instant at) {
        LocalTime t = at.atZone(Messages.KST).toLocalTime();
        return !t.isBefore(START) || t.isBefore(END);
    }

    /**
     * Why an advertising job must not go out now, if it must not. Both times count: the cycle it was
     * planned for ({@code dueAt}), and the moment the SMS would actually leave ({@code sendAt}), because
     * a job planned at 20:55 may be retried or redelivered after 21:00. A held job is skipped, never
     * postponed to the morning: a late evening-event SMS is not what a store owner expects.
     */
    public static Optional<String> holdReason(SmsJob job, Instant sendAt) {
        if (job.contentType() != ContentType.AD) {
            return Optional.empty();
        }
        if (contains(job.dueAt())) {
            return Optional.of("advertising SMS due in quiet hours (21:00-08:00 KST) is not sent");
        }
        if (contains(sendAt)) {
            return Optional.of("advertising SMS would leave in quiet hours (21:00-08:00 KST): not sent");
        }
        return Optional.empty();
    }
}
