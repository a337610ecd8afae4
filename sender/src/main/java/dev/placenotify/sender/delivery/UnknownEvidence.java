package dev.placenotify.sender.delivery;

import dev.placenotify.model.Messages;
import dev.placenotify.model.PersonalData;
import dev.placenotify.model.SmsJob;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * Whether an UNKNOWN send reached SENS, decided from what SENS lists for the recipient around the send.
 * SENS's message list is searched by request time (and recipient); a message counts as this job's only if
 * recipient, sender number and text are all the same, since a confirmation and a reminder to one customer
 * can leave minutes apart. Absence is proven only once the window has closed: SENS lists an accepted
 * request within seconds, and {@code listedWithin} after the send it has had ample time. Pure.
 *
 * @param lookBack     how far before the recorded outcome a request can have been made (the sender's call
 *                     budget and clock skew)
 * @param listedWithin how long after the send SENS may take to list a request it accepted
 */
public record UnknownEvidence(Duration lookBack, Duration listedWithin) {
    private static final DateTimeFormatter KST_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(Messages.KST);

    public sealed interface Decision {}

    /** SENS has it: the send happened. */
    public record Found(SensMessageResult message, String evidence) implements Decision {}

    /** SENS has nothing for it, and the window has closed. */
    public record Absent(String evidence) implements Decision {}

    /** Nothing yet, but SENS may still list it: look again no earlier than {@code closesAt}. */
    public record NotYet(Instant closesAt) implements Decision {}

    /** The request-time window that is searched (SENS takes whole seconds, KST). */
    public Instant from(Instant sentAt) {
        return sentAt.minus(lookBack);
    }

    public Instant to(Instant sentAt) {
        return sentAt.plus(Duration.ofMinutes(1));
    }

    public Instant closesAt(Instant sentAt) {
        return sentAt.plus(listedWithin);
    }

    public Decision decide(SmsJob job, List<SensMessageResult> listed, Instant sentAt, Instant now, int lookups) {
        Optional<SensMessageResult> match = listed.stream().filter(m -> matches(job, m)).findFirst();
        if (match.isPresent()) {
            SensMessageResult m = match.get();
            return new Found(m, "SENS lists message " + m.messageId() + " of request " + m.requestId() + " to "
                    + PersonalData.maskPhone(job.recipient()) + " requested " + m.requestTime() + " with the same text");
        }
        Instant closes = closesAt(sentAt);
        if (now.isBefore(closes)) {
            return new NotYet(closes);
        }
        return new Absent("SENS lists no message to " + PersonalData.maskPhone(job.recipient()) + " with this text requested "
                + KST_TIME.format(from(sentAt)) + " – " + KST_TIME.format(to(sentAt)) + " KST (" + lookups
                + (lookups == 1 ? " lookup" : " lookups") + ", the last at " + KST_TIME.format(now) + " KST)");
    }

    static boolean matches(SmsJob job, SensMessageResult m) {
        return digits(job.recipient()).equals(digits(m.to()))
                && (m.from() == null || digits(job.from()).equals(digits(m.from())))
                && m.content() != null && m.content().equals(job.content());
    }

    private static String digits(String s) {
        return s == null ? "" : s.replaceAll("\\D", "");
    }
}
