package dev.placenotify.model;

/** A message body that no retry can fix; its text says which field or syntax is wrong. */
public class MessageDecodingException extends PoisonMessageException {
    public MessageDecodingException(String message) {
        super(message);
    }

    public MessageDecodingException(String message, Throwable cause) {
        super(message, cause);
    }
}
