package dev.placenotify.sender.delivery;

import dev.placenotify.model.DeliveryStatus;
import java.util.Locale;

/**
 * SENS's message result → DELIVERED / FAILED / PENDING. SENS reports a message's processing state in
 * {@code status} (READY → PROCESSING → COMPLETED) and, once COMPLETED, the carrier's result in
 * {@code statusName} (success / fail) with the carrier's code in {@code statusCode} ("0" for success)
 * and its words in {@code statusMessage}. Anything not clearly final is PENDING: the check looks again
 * until its deadline rather than guess.
 */
public final class DeliveryVerdict {
    private DeliveryVerdict() {}

    public static DeliveryResult of(SensMessageResult m) {
        String status = upper(m.status());
        String name = lower(m.statusName());
        boolean completed = "COMPLETED".equals(status);
        boolean failedState = "FAILED".equals(status) || "FAIL".equals(status);
        if (!completed && !failedState) {
            return DeliveryResult.pending("SENS status " + (m.status() == null ? "(none)" : m.status()));
        }
        if (failedState || "fail".equals(name) || "failed".equals(name)) {
            return new DeliveryResult(DeliveryStatus.FAILED, m.statusCode(), reason(m), m.telcoCode(), m.completeTime());
        }
        if ("success".equals(name) || "0".equals(m.statusCode())) {
            return new DeliveryResult(DeliveryStatus.DELIVERED, m.statusCode(), m.statusMessage(), m.telcoCode(), m.completeTime());
        }
        if (m.statusCode() != null && !m.statusCode().isBlank()) {
            // Completed with a carrier code other than success and no name: the carrier refused it.
            return new DeliveryResult(DeliveryStatus.FAILED, m.statusCode(), reason(m), m.telcoCode(), m.completeTime());
        }
        return DeliveryResult.pending("SENS says COMPLETED without a result yet");
    }

    private static String reason(SensMessageResult m) {
        String message = m.statusMessage() == null || m.statusMessage().isBlank() ? "carrier refused the message" : m.statusMessage();
        // One line of at most 200 characters: it is shown to owners in Slack.
        message = message.replaceAll("\\s+", " ").strip();
        return message.length() > 200 ? message.substring(0, 200) : message;
    }

    private static String upper(String s) {
        return s == null ? "" : s.strip().toUpperCase(Locale.ROOT);
    }

    private static String lower(String s) {
        return s == null ? "" : s.strip().toLowerCase(Locale.ROOT);
    }
}
