package dev.placenotify.shell;

import java.time.Duration;

/**
 * What a stage decided for one message of its batch; {@link SqsBatchRunner} carries it out. The stage
 * thereby holds no SQS client and no receipt handle: the runner reports the messages to redeliver to
 * Lambda, changes the visibility of those that should come back at another time than the queue's
 * visibility timeout, and moves those no retry can fix to the DLQ.
 */
public sealed interface MessageResult {
    /** Done: the event source deletes the message. */
    record Ok() implements MessageResult {}

    /**
     * Back to SQS for another receive, after {@code after} (the message's new visibility timeout), or
     * after the queue's visibility timeout when {@code after} is null.
     */
    record Retry(Duration after) implements MessageResult {}

    /** No retry can fix it: straight to the DLQ, with the reason as a message attribute. */
    record DeadLetter(String reason) implements MessageResult {}

    static MessageResult ok() {
        return new Ok();
    }

    static MessageResult retry() {
        return new Retry(null);
    }

    static MessageResult retryAfter(Duration after) {
        return new Retry(after);
    }

    static MessageResult deadLetter(String reason) {
        return new DeadLetter(reason);
    }
}
