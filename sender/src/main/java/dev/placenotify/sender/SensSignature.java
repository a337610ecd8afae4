package dev.placenotify.sender;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** SENS v2 request signature: Base64(HmacSHA256(secretKey, "METHOD path\ntimestamp\naccessKey")). */
public final class SensSignature {
    private SensSignature() {}

    public static String sign(String secretKey, String method, String pathWithQuery, long timestampMillis,
                              String accessKey) {
        String message = method + " " + pathWithQuery + "\n" + timestampMillis + "\n" + accessKey;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
