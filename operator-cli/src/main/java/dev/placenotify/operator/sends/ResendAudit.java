package dev.placenotify.operator.sends;

import dev.placenotify.model.PersonalData;
import dev.placenotify.model.SmsJob;
import dev.placenotify.model.items.IdempotencyTableLayout;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What a resend's audit keeps, and for how long. The audit item lives a year, so it holds only what carries no
 * personal data: the previous record's facts (by a list of known attributes, so a field the sender adds later
 * is left out rather than copied), the recipient masked ({@code 010-****-5678}), the customer's masked name,
 * and a SHA-256 of the text (branch texts hold door codes; the hash still tells whether two texts were the
 * same). The whole record, phone number and text included, is kept only as long as the record itself would
 * have lived: personal data expires with the idempotency table's TTL (30 days), never later.
 */
final class ResendAudit {
    /** The sender's record lifetime when a record names none (IDEMPOTENCY_TTL_DAYS, docs/sender.md). */
    static final Duration PERSONAL_DATA_TTL = Duration.ofDays(30);
    private static final Set<String> FACTS = Set.of(IdempotencyTableLayout.KEY, IdempotencyTableLayout.STATE,
            IdempotencyTableLayout.OUTCOME, IdempotencyTableLayout.PAYLOAD_HASH, IdempotencyTableLayout.RUN_ID,
            IdempotencyTableLayout.STORE_ID, IdempotencyTableLayout.RULE, IdempotencyTableLayout.COMPLETED_AT,
            IdempotencyTableLayout.CLAIM_EXPIRES_AT, IdempotencyTableLayout.EXPIRES_AT,
            IdempotencyTableLayout.PROVIDER_REQUEST_ID, IdempotencyTableLayout.RESENT_BY, IdempotencyTableLayout.RESENT_AT);

    private ResendAudit() {}

    static Map<String, AttributeValue> withoutPersonalData(StoredSend previous) {
        Map<String, AttributeValue> kept = new HashMap<>();
        previous.item().forEach((name, value) -> {
            if (FACTS.contains(name)) {
                kept.put(name, value);
            }
        });
        if (previous.error() != null) {
            kept.put(IdempotencyTableLayout.ERROR, AttributeValue.fromS(ContentMask.mask(previous.error())));
        }
        SmsJob job = UnknownSend.decode(previous.jobJson());
        if (job != null) {
            kept.put("to", AttributeValue.fromS(PersonalData.maskPhone(job.recipient())));
            if (job.customer() != null) {
                kept.put("customer", AttributeValue.fromS(PersonalData.maskName(job.customer())));
            }
            kept.put("rule", AttributeValue.fromS(job.rule()));
            kept.put("type", AttributeValue.fromS(job.type().name()));
            kept.put("contentSha256", AttributeValue.fromS(sha256(job.content())));
            kept.put("notAfter", AttributeValue.fromS(job.notAfter().toString()));
        }
        return kept;
    }

    /** When the full copy must be gone: when the record it copies would have expired, at most the TTL from now. */
    static Instant personalCopyExpiry(StoredSend previous, Instant now) {
        Instant ceiling = now.plus(PERSONAL_DATA_TTL);
        AttributeValue recordExpiry = previous.item().get(IdempotencyTableLayout.EXPIRES_AT);
        if (recordExpiry == null || recordExpiry.n() == null) {
            return ceiling;
        }
        Instant own = Instant.ofEpochSecond(Long.parseLong(recordExpiry.n()));
        return own.isBefore(ceiling) ? own : ceiling;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
