package dev.placenotify.fetcher;

/** Naver kept failing (5xx, timeouts, refused connections) beyond the retry budget: SQS retries later. */
public class NaverUnavailableException extends RuntimeException {
    public NaverUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
