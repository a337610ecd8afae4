package dev.placenotify.operator;

/** A failure the operator can act on: its message says what went wrong and what to do; no stack trace. */
public class OperatorException extends RuntimeException {
    public OperatorException(String message) {
        super(message);
    }

    public OperatorException(String message, Throwable cause) {
        super(message, cause);
    }
}
