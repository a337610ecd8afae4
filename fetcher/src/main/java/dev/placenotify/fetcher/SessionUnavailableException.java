package dev.placenotify.fetcher;

import dev.placenotify.model.AlertCause;

/**
 * No usable Naver session for an account: the store's fetch fails (SQS retries it, then the DLQ) and
 * the notifier is alerted with {@link #cause()} scoped to the account.
 */
public class SessionUnavailableException extends Exception {
    private final AlertCause cause;

    public SessionUnavailableException(AlertCause cause, String detail) {
        super(detail);
        this.cause = cause;
    }

    public AlertCause alertCause() {
        return cause;
    }
}
