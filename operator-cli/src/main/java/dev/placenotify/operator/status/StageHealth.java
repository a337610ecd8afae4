package dev.placenotify.operator.status;

/** A stage's input queue and its DLQ. */
public record StageHealth(String stage, QueueHealth queue, QueueHealth dlq) {}
