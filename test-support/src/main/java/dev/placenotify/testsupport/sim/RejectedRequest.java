package dev.placenotify.testsupport.sim;

/**
 * Thrown from deep inside validation to answer with an error right away; it is a planned answer,
 * not a failure, so it carries no stack trace.
 */
final class RejectedRequest extends RuntimeException {
    private final transient SimResponse response;

    RejectedRequest(SimResponse response) {
        super(null, null, false, false);
        this.response = response;
    }

    SimResponse response() {
        return response;
    }
}
