package dev.placenotify.fetcher;

/** What one automated login attempt produced. */
public sealed interface LoginResult {
    /** The login endpoint set both cookies. */
    record LoggedIn(String nidAut, String nidSes) implements LoginResult {
        @Override
        public String toString() {
            return "LoggedIn[cookies hidden]";
        }
    }

    /** A captcha, a second factor, or rejected credentials: trying again would not help, a human must act. */
    record NeedsHuman(String reason) implements LoginResult {}

    /** The endpoint failed (5xx, 429, timeout, connection): a later attempt may succeed. */
    record Unavailable(String reason) implements LoginResult {}
}
