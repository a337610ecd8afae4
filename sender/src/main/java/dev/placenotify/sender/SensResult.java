package dev.placenotify.sender;

/** How one SENS request ended, in the classes that decide what the sender does next. */
public sealed interface SensResult {
    /** 202: SENS took every message of the request. */
    record Accepted(String requestId) implements SensResult {}

    /** 400/403/404 or content SENS would refuse: retrying cannot help. */
    record Rejected(int status, String reason) implements SensResult {}

    /** 401: the keys were refused (rotated or wrong). */
    record CredentialsRejected(String reason) implements SensResult {}

    /** 429, 5xx, refused connection, connect timeout: SENS did not take it; retrying is safe. */
    record Transient(String reason) implements SensResult {}

    /** The request went out and no answer came back: SENS may or may not have sent it. */
    record Unknown(String reason) implements SensResult {}
}
