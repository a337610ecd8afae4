package dev.placenotify.renewal;

import dev.placenotify.shell.SecretSource;
import java.util.Map;

/** The Naver account's login, from the Secrets Manager secret {@code NAVER_LOGIN_SECRET_ID}: {@code {"username","password"}}. */
public record LoginCredentials(String username, String password) {
    public static LoginCredentials from(Map<String, String> secret, String secretId) {
        return new LoginCredentials(SecretSource.field(secret, secretId, "username"),
                SecretSource.field(secret, secretId, "password"));
    }

    @Override
    public String toString() {
        return "LoginCredentials[hidden]";
    }
}
