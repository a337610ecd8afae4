package dev.placenotify.sender;

import dev.placenotify.shell.SecretSource;
import java.util.Map;

/** SENS API credentials, read from the secret's JSON {@code {"accessKey","secretKey","serviceId"}}. */
public record SensCredentials(String accessKey, String secretKey, String serviceId) {
    public static SensCredentials from(Map<String, String> secret, String secretId) {
        return new SensCredentials(SecretSource.field(secret, secretId, "accessKey"),
                SecretSource.field(secret, secretId, "secretKey"), SecretSource.field(secret, secretId, "serviceId"));
    }

    @Override
    public String toString() {
        return "SensCredentials[accessKey=" + accessKey + ", serviceId=" + serviceId + "]";
    }
}
