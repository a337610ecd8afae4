package dev.placenotify.model;

import java.time.Instant;

/**
 * A final delivery result of one text, or what became of an UNKNOWN send, reported to the notifier on
 * the result queue under the text's run id. The notifier counts each key once per {@link Kind} (a
 * redelivered or replayed report changes nothing) and reports it in the next summary and in the daily
 * digest; it never holds a run's summary back.
 *
 * @param kind        DELIVERY: the carrier's final result of a text SENS accepted ({@code status}
 *                    DELIVERED or FAILED); FOUND: an UNKNOWN send SENS has after all (it is now SENT);
 *                    ABSENT: an UNKNOWN send SENS proved not to have (an operator may resend it)
 * @param carrierCode SENS's {@code statusCode} for the message (the carrier's result code), or null
 * @param reason      SENS's {@code statusMessage} for a failure, or the evidence for FOUND / ABSENT; no
 *                    phone number, no content
 * @param telco       SENS's {@code telcoCode} (SKT, KT, LGT), or null
 * @param day         the KST day the result belongs to in the daily digest (the day the text was sent)
 */
public record DeliveryReported(Integer schemaVersion, String runId, JobRef job, Kind kind, DeliveryStatus status,
                               String carrierCode, String reason, String telco, java.time.LocalDate day, Instant at)
        implements RunEvent {
    public enum Kind { DELIVERY, FOUND, ABSENT }

    public DeliveryReported {
        Required.schemaVersion(schemaVersion);
        Required.field(runId, "runId");
        Required.field(job, "job");
        Required.field(kind, "kind");
        Required.field(day, "day");
        Required.field(at, "at");
        if (kind == Kind.DELIVERY && (status == null || !status.isFinal())) {
            throw new IllegalArgumentException("a DELIVERY report needs a final status, not " + status);
        }
    }

    public static DeliveryReported of(String runId, JobRef job, Kind kind, DeliveryStatus status, String carrierCode,
                                      String reason, String telco, Instant sentAt, Instant at) {
        return new DeliveryReported(Messages.SCHEMA_VERSION, runId, job, kind, status, carrierCode, reason, telco,
                sentAt.atZone(Messages.KST).toLocalDate(), at);
    }
}
