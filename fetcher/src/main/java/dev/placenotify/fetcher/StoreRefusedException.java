package dev.placenotify.fetcher;

/**
 * Naver did not answer one store's query with its bookings, and the session check did not show the login to
 * be gone: this store's fetch fails (SQS retries it, the last delivery reports {@code StoreFetchFailed}), and
 * the account's session stays as it is, so the account's other stores keep fetching.
 */
public class StoreRefusedException extends RuntimeException {
    public StoreRefusedException(String message) {
        super(message);
    }
}
