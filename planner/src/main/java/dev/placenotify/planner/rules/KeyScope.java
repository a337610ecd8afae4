package dev.placenotify.planner.rules;

/**
 * What "once" means for a rule, which is what its idempotency key names: once per booking
 * ({@code store:booking:RULE}), once per reservation start ({@code store:booking:RULE:epochSeconds}, so a
 * reschedule re-arms it) or once per reservation date ({@code store:booking:RULE:2025-10-22}).
 */
public enum KeyScope { BOOKING, START, DATE }
