package dev.placenotify.sender;

import dev.placenotify.model.Messages;
import dev.placenotify.model.OutcomeStatus;
import dev.placenotify.model.SmsJob;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether a job may still leave at a given moment, checked before the first SENS attempt and again
 * before every retry (a job can go stale, or an advertisement reach 21:00, while it waits out a
 * 429): a job past its {@code notAfter} is EXPIRED; an advertisement in quiet hours is SKIPPED.
 * Neither is ever sent later.
 */
public final class SendWindow {
    private SendWindow() {}

    /** Why the job must not leave at {@code at}, as the outcome to record. */
    public record Closed(OutcomeStatus status, String reason) {}

    public static Optional<Closed> closedFor(SmsJob job, Instant at) {
        if (job.expiredAt(at)) {
            return Optional.of(new Closed(OutcomeStatus.EXPIRED, "not sent: its text made sense until "
                    + job.notAfter().atZone(Messages.KST).toOffsetDateTime() + " (notAfter); it is now "
                    + at.atZone(Messages.KST).toOffsetDateTime()));
        }
        return QuietHours.holdReason(job, at).map(reason -> new Closed(OutcomeStatus.SKIPPED, reason));
    }
}
