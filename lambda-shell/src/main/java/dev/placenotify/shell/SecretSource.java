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
    private final SecretsManagerClient client;
    private final int maxAgeSeconds;
    private volatile SecretsProvider provider;

    public SecretSource(SecretsManagerClient client, Duration maxAge) {
        this.client = client;
        this.maxAgeSeconds = (int) Math.max(1, maxAge.toSeconds());
        this.provider = newProvider();
    }

    private SecretsProvider newProvider() {
        return SecretsProvider.builder().withClient(client).build();
    }

    public Map<String, String> json(String secretId) {
        return parse(secretId, provider.withMaxAge(maxAgeSeconds, ChronoUnit.SECONDS).get(secretId));
    }

    /**
     * Powertools fixes a cached entry's expiry when it is stored, so a zero max-age does not bypass it:
     * a refresh starts a new provider (an empty cache) that later reads then share.
     */
    public Map<String, String> refresh(String secretId) {
        SecretsProvider fresh = newProvider();
        Map<String, String> value = parse(secretId, fresh.withMaxAge(maxAgeSeconds, ChronoUnit.SECONDS).get(secretId));
        provider = fresh;
        return value;
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
