package dev.placenotify.shell;

import dev.placenotify.model.SmsJob;
import dev.placenotify.model.items.IdempotencyTableLayout;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The two attributes a send record carries so {@code ./operator history} finds a booking's or a phone's
 * texts with a Query instead of a scan: {@code bookingRef} ({@code storeId#bookingId}) and {@code phoneHash}
 * (SHA-256 of the number's digits, national form). The hash is an index key, not anonymisation: a phone
 * number space is small enough to enumerate, and the same item holds the job (phone included) anyway, under
 * the same 30-day TTL.
 */
public final class HistoryKeys {
    private HistoryKeys() {}

    public static String bookingRef(String storeId, String bookingId) {
        return storeId + "#" + bookingId;
    }

    /** {@code 010-1234-5678}, {@code 01012345678} and {@code +82 10-1234-5678} hash alike. */
    public static String phoneHash(String phone) {
        String digits = phone == null ? "" : phone.replaceAll("\\D", "");
        if (digits.startsWith("82") && digits.length() >= 11) {
            digits = "0" + digits.substring(2);
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(digits.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the sender adds to a send record it writes (its one call into this class). */
    public static Map<String, AttributeValue> attributes(SmsJob job) {
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        if (job.storeId() != null && job.bookingId() != null) {
            out.put(IdempotencyTableLayout.BOOKING_REF, AttributeValue.fromS(bookingRef(job.storeId(), job.bookingId())));
        }
        if (job.recipient() != null && !job.recipient().isBlank()) {
            out.put(IdempotencyTableLayout.PHONE_HASH, AttributeValue.fromS(phoneHash(job.recipient())));
        }
        return out;
    }
}
