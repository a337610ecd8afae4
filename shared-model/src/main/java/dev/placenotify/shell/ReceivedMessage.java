package dev.placenotify.shell;

/** A decoded message with what the event source told about its delivery. */
public record ReceivedMessage<T>(String messageId, T body, int receiveCount) {}
