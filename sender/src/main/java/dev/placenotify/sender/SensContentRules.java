package dev.placenotify.sender;

import dev.placenotify.model.ContentType;
import dev.placenotify.model.SmsJob;
import dev.placenotify.model.SmsType;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What SENS would refuse, checked before the call so one bad job fails alone instead of taking a
 * 100-message request down with it.
 */
public final class SensContentRules {
    private static final Charset EUC_KR = Charset.forName("EUC-KR");
    static final int SMS_BYTES = 90;
    static final int LMS_BYTES = 2000;
    static final int SUBJECT_BYTES = 40;
    private static final Pattern RECIPIENT = Pattern.compile("\\d{10,11}");
    private static final Pattern SENDER_NUMBER = Pattern.compile("\\d{8,12}");

    private SensContentRules() {}

    public static Optional<String> violation(SmsJob job) {
        if (!RECIPIENT.matcher(job.recipient()).matches()) {
            return Optional.of("recipient is not a 10-11 digit number");
        }
        if (!SENDER_NUMBER.matcher(job.from()).matches()) {
            return Optional.of("sender number is not digits only");
        }
        CharsetEncoder encoder = EUC_KR.newEncoder();
        if (!encoder.canEncode(job.content())) {
            return Optional.of("content has characters outside EUC-KR");
        }
        int bytes = job.content().getBytes(EUC_KR).length;
        int limit = job.type() == SmsType.SMS ? SMS_BYTES : LMS_BYTES;
        if (bytes > limit) {
            return Optional.of("content is " + bytes + " bytes, over the " + job.type() + " limit of " + limit);
        }
        if (job.subject() != null && job.type() == SmsType.LMS) {
            if (!encoder.canEncode(job.subject()) || job.subject().getBytes(EUC_KR).length > SUBJECT_BYTES) {
                return Optional.of("subject is not EUC-KR or over " + SUBJECT_BYTES + " bytes");
            }
        }
        if (job.contentType() == ContentType.AD && !job.content().startsWith("(광고)")) {
            return Optional.of("advertising content must start with (광고)");
        }
        return Optional.empty();
    }
}
