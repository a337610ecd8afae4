package dev.placenotify.model;

/**
 * SENT: SENS accepted it. FAILED: permanently refused. SKIPPED: deliberately not sent. UNKNOWN: the
 * request may have left, the answer was lost: never sent again automatically. EXPIRED: not sent
 * because it arrived after its {@code notAfter} (a replayed or late job whose text no longer makes sense).
 */
public enum OutcomeStatus { SENT, FAILED, SKIPPED, UNKNOWN, EXPIRED }
