package dev.placenotify.sender;

import java.time.Duration;

/** How one SENS request ended, in the classes that decide what the sender does next. */
public sealed interface SensResult {
    /** 202: SENS took every message of the request. */
    record Accepted(String requestId) implements SensResult {}

    /** 400/403/404 or content SENS would refuse: retrying cannot help. */
    record Rejected(int status, String reason) implements SensResult {}

    /** 401: the keys were refused (rotated or wrong). */
    record CredentialsRejected(String reason) implements SensResult {}

    /**
     * 429, 503, refused connection, connect timeout: proof that SENS did not act; retrying is safe.
     * {@code retryAfter} is SENS's own hint (a Retry-After header), or null.
     */
    record Transient(String reason, Duration retryAfter) implements SensResult {
        public Transient(String reason) {
            this(reason, null);
        }
    }

    /**
     * The request may have reached SENS and nothing proves what it did: no (complete) answer, a
     * broken connection, or a server error other than 503. Never retried automatically.
     */
    record Unknown(String reason) implements SensResult {}
}
