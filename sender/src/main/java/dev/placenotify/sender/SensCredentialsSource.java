package dev.placenotify.sender;

import dev.placenotify.shell.SecretSource;

/** Cached SENS credentials; {@link #refresh} re-reads the secret after SENS answered 401. */
public final class SensCredentialsSource {
    private final SecretSource secrets;
    private final String secretId;

    public SensCredentialsSource(SecretSource secrets, String secretId) {
        this.secrets = secrets;
        this.secretId = secretId;
    }

    public SensCredentials current() {
        return SensCredentials.from(secrets.json(secretId), secretId);
    }

    public SensCredentials refresh() {
        return SensCredentials.from(secrets.refresh(secretId), secretId);
    }
}
