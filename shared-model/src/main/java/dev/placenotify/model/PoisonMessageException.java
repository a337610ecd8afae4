package dev.placenotify.model;

/**
 * A message that no redelivery can ever process (undecodable, or naming something this deployment does
 * not know): the stage moves it to its DLQ at once, with this message as the reason.
 */
public class PoisonMessageException extends RuntimeException {
    public PoisonMessageException(String message) {
        super(message);
    }

    public PoisonMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
