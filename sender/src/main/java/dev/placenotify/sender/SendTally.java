package dev.placenotify.sender;

import java.util.Map;

/**
 * What one invocation did, for metrics: first-time outcomes only (by rule id; a re-reported outcome of a settled
 * key is not a new SMS), jobs refused as stale (EXPIRED), and SENS answers other than 202, retries included.
 */
public record SendTally(Map<String, Integer> sentByKind, int failed, int unknown, int expired, int sensFailures) {
    public SendTally {
        sentByKind = Map.copyOf(sentByKind);
    }

    public boolean isEmpty() {
        return sentByKind.isEmpty() && failed == 0 && unknown == 0 && expired == 0 && sensFailures == 0;
    }
}
