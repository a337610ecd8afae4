package dev.placenotify.operator.sends;

import dev.placenotify.model.MessageCodec;
import dev.placenotify.model.PersonalData;
import dev.placenotify.model.SmsJob;

/** An UNKNOWN outcome as the CLI shows it: the recipient and the text masked. */
public record UnknownSend(String key, String runId, String storeId, String kind, String completedAt, String to,
                          String type, String content, String error) {

    static UnknownSend of(IdempotencyRecord r) {
        SmsJob job = decode(r.jobJson());
        return new UnknownSend(r.key(), r.runId(), r.storeId(), r.kind(), r.completedAt(),
                job == null ? "(no job stored)" : PersonalData.maskPhone(job.recipient()),
                job == null ? null : job.type().name(),
                job == null ? "" : ContentMask.mask(job.content()), r.error());
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
