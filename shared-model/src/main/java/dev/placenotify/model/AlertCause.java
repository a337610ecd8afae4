package dev.placenotify.model;

/** Causes worth waking an owner for before the summary; the notifier throttles per cause. */
public enum AlertCause { SESSION_EXPIRED, LOGIN_NEEDS_HUMAN, DLQ_MESSAGES, SENS_CREDENTIALS_REJECTED, UNKNOWN_SEND, FETCH_FAILED }
