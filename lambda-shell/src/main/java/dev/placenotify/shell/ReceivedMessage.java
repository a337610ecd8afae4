package dev.placenotify.shell;

/**
 * A decoded message with what the event source told about its delivery. No receipt handle: what
 * becomes of the message (acknowledged, redelivered, dead-lettered) is the batch runner's business,
 * told by the stage as a {@link MessageResult}.
 */
public record ReceivedMessage<T>(String messageId, T body, int receiveCount) {}
