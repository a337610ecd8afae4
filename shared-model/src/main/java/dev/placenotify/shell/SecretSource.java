package dev.placenotify.shell;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.placenotify.model.MessageCodec;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.lambda.powertools.parameters.secrets.SecretsProvider;

/**
 * JSON secrets from Secrets Manager through Powertools parameters, cached across invocations.
 * {@link #refresh} bypasses the cache: used when a provider rejects credentials that may have rotated.
 */
public final class SecretSource {
    private final SecretsProvider provider;
    private final int maxAgeSeconds;

    public SecretSource(SecretsManagerClient client, Duration maxAge) {
        this.provider = SecretsProvider.builder().withClient(client).build();
        this.maxAgeSeconds = (int) Math.max(1, maxAge.toSeconds());
    }

    public Map<String, String> json(String secretId) {
        return parse(secretId, provider.withMaxAge(maxAgeSeconds, ChronoUnit.SECONDS).get(secretId));
    }

    public Map<String, String> refresh(String secretId) {
        return parse(secretId, provider.withMaxAge(0, ChronoUnit.SECONDS).get(secretId));
    }

    private static Map<String, String> parse(String secretId, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("secret " + secretId + " has no value yet: set it (see README, 'Secrets')");
        }
        try {
            return MessageCodec.mapper().readValue(value, new TypeReference<Map<String, String>>() {});
        } catch (Exception e) {
            // Never echo the value: it is a secret.
            throw new IllegalStateException("secret " + secretId + " is not a JSON object of strings");
        }
    }

    public static String field(Map<String, String> secret, String secretId, String field) {
        String v = secret.get(field);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException("secret " + secretId + " lacks field '" + field + "'");
        }
        return v;
    }
}
