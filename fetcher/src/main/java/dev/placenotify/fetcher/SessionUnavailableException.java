package dev.placenotify.fetcher;

import dev.placenotify.model.AlertCause;

/**
 * No usable Naver session for an account: the store's fetch fails (SQS retries it, then the DLQ). When
 * {@link #raisesAlert()}, the notifier is alerted with {@link #alertCause()} scoped to the account; it does not
 * when someone else already alerts (the renewal function, for a blocked or failing login) or nobody needs to act
 * yet (a renewal was requested).
 */
public class SessionUnavailableException extends Exception {
    private final AlertCause cause;
    private final boolean alert;

    public SessionUnavailableException(AlertCause cause, String detail) {
        this(cause, detail, true);
    }

    public SessionUnavailableException(AlertCause cause, String detail, boolean alert) {
        super(detail);
        this.cause = cause;
        this.alert = alert;
    }

    public AlertCause alertCause() {
        return cause;
    }

    public boolean raisesAlert() {
        return alert;
    }
}
