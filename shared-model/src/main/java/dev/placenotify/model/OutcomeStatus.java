package dev.placenotify.model;

/** SENT: SENS accepted it. FAILED: permanently refused. SKIPPED: deliberately not sent. UNKNOWN: sent, answer lost. */
public enum OutcomeStatus { SENT, FAILED, SKIPPED, UNKNOWN }
