package dev.placenotify.fetcher;

/** Naver answered with something other than a bookings array: the cookies no longer work. */
public class SessionExpiredException extends Exception {
    public SessionExpiredException(String message) {
        super(message);
    }
}
