package dev.placenotify.testsupport.sim;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Naver Cloud API Gateway signature v2: Base64(HmacSHA256(secretKey, "METHOD path\ntimestamp\naccessKey")). */
public final class SensSignature {
    private SensSignature() {}

    /** @param pathAndQuery the request path as sent, with {@code ?query} when there is one */
    public static String sign(String secretKey, String method, String pathAndQuery, String timestamp, String accessKey) {
        String canonical = method + " " + pathAndQuery + "\n" + timestamp + "\n" + accessKey;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
