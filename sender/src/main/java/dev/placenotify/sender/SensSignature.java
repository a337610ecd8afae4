package dev.placenotify.sender;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** SENS v2 request signature: Base64(HmacSHA256(secretKey, "METHOD path\ntimestamp\naccessKey")). */
public final class SensSignature {
    private static final String TIMESTAMP_HEADER = "x-ncp-apigw-timestamp";
    private static final String ACCESS_KEY_HEADER = "x-ncp-iam-access-key";
    private static final String SIGNATURE_HEADER = "x-ncp-apigw-signature-v2";

    private SensSignature() {}

    /** Adds the three headers SENS authenticates every call by (send, lookups, unsubscribe list), signed at {@code timestampMillis}. */
    public static HttpRequest.Builder authenticate(HttpRequest.Builder request, SensCredentials credentials, String method,
                                                   String pathWithQuery, long timestampMillis) {
        return request.header(TIMESTAMP_HEADER, Long.toString(timestampMillis))
                .header(ACCESS_KEY_HEADER, credentials.accessKey())
                .header(SIGNATURE_HEADER, sign(credentials.secretKey(), method, pathWithQuery, timestampMillis, credentials.accessKey()));
    }

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
