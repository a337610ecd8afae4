package dev.placenotify.operator.sends;

import dev.placenotify.model.items.IdempotencyTableLayout;
import dev.placenotify.model.MessageCodec;
import dev.placenotify.model.PersonalData;
import dev.placenotify.model.SmsJob;
import java.time.Instant;

/**
 * An UNKNOWN outcome as the CLI shows it: the recipient and the text masked. {@code notAfter} is the last moment
 * the text still made sense; {@code expired} says it has passed, so {@code sends resend} refuses it.
 * {@code abandoned} marks a claim whose sender died while its request may have left: not recorded UNKNOWN yet
 * (its next delivery does that), so it cannot be resent before.
 */
public record UnknownSend(String key, String runId, String storeId, String kind, String completedAt, String to,
                          String type, String content, String error, Instant notAfter, boolean expired,
                          boolean abandoned, String evidence, String evidenceDetail) {
    /** What the delivery checks found at SENS, in words: {@code absent (evidence: …)}, {@code looking (…)} or "". */
    public String evidenceText() {
        if ("ABSENT".equals(evidence)) {
            return "absent (evidence: " + evidenceDetail + ")";
        }
        if ("PENDING".equals(evidence)) {
            return "looking (" + evidenceDetail + ")";
        }
        return "";
    }

    /** SENS proved it never got this send: a resend cannot double it. */
    public boolean provenAbsent() {
        return "ABSENT".equals(evidence);
    }


    static UnknownSend of(StoredSend r, Instant now) {
        SmsJob job = decode(r.jobJson());
        return new UnknownSend(r.key(), r.runId(), r.storeId(), r.kind(), r.completedAt(),
                job == null ? "(no job stored)" : PersonalData.maskPhone(job.recipient()),
                job == null ? null : job.type().name(),
                job == null ? "" : ContentMask.mask(job.content()), r.error() == null ? null : ContentMask.mask(r.error()),
                job == null ? null : job.notAfter(), job != null && job.expiredAt(now), r.abandonedWhileSending(now),
                str(r, IdempotencyTableLayout.EVIDENCE), str(r, IdempotencyTableLayout.EVIDENCE_DETAIL) == null ? null : ContentMask.mask(str(r, IdempotencyTableLayout.EVIDENCE_DETAIL)));
    }

    /** The delivery checks' attributes (sender's DeliveryRecords): {@code evidence} ABSENT|PENDING|FOUND, {@code evidenceDetail}. */
    private static String str(StoredSend r, String name) {
        var v = r.item().get(name);
        return v == null ? null : v.s();
    }

    static SmsJob decode(String jobJson) {
        if (jobJson == null || jobJson.isBlank()) {
            return null;
        }
        try {
            return MessageCodec.decode(jobJson, SmsJob.class);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
