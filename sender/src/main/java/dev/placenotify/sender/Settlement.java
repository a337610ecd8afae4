package dev.placenotify.sender;

import dev.placenotify.model.OutcomeStatus;
import dev.placenotify.model.SmsJob;
import dev.placenotify.shell.ReceivedMessage;

/** A job's final outcome, to record in its idempotency record and report; {@code requestId} only for SENT. */
record Settlement(ReceivedMessage<SmsJob> message, OutcomeStatus status, String requestId, String error) {}
