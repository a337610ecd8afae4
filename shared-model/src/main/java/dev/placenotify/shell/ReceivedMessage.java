package dev.placenotify.shell;

/** A decoded message with what the event source told about its delivery. */
public record ReceivedMessage<T>(String messageId, String receiptHandle, T body, int receiveCount) {}
