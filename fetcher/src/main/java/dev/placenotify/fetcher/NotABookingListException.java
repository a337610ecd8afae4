package dev.placenotify.fetcher;

/**
 * Naver answered a bookings query with something other than a bookings array: 401/403, a redirect, an error
 * object, an HTML page. Usually the login has expired, but Naver also answers like this when it refuses one
 * store's query; {@link FetchStage} asks the session check before it believes the login is gone.
 */
public class NotABookingListException extends Exception {
    public NotABookingListException(String message) {
        super(message);
    }
}
