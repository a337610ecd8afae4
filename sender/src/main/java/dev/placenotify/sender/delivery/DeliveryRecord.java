package dev.placenotify.sender.delivery;

import dev.placenotify.model.DeliveryStatus;
import dev.placenotify.model.OutcomeStatus;
import dev.placenotify.model.SmsJob;
import java.time.Instant;

/**
 * What a key's idempotency record says about delivery: the send's outcome and SENS request id (written by
 * the sender), and what the delivery checks added. The evidence fields concern UNKNOWN sends only.
 *
 * @param completed      the sender recorded a final outcome (state COMPLETED)
 * @param delivery       null until a check has looked; PENDING, DELIVERED or FAILED after
 * @param deliveryFinal  the result is known, or the checks gave up at their deadline: never asked again
 * @param evidence       null, PENDING (looked, nothing yet), FOUND or ABSENT
 */
public record DeliveryRecord(String key, boolean completed, OutcomeStatus outcome, String providerRequestId, SmsJob job,
                             DeliveryStatus delivery, String deliveryCode, String deliveryReason, String deliveryTelco,
                             boolean deliveryFinal, int deliveryAttempts, Instant deliveryCheckedAt,
                             Evidence evidence, String evidenceDetail, int evidenceAttempts, String resolvedFrom) {
    public enum Evidence { PENDING, FOUND, ABSENT }

    public boolean deliveryKnown() {
        return delivery != null && delivery.isFinal();
    }

    public boolean evidenceFinal() {
        return evidence == Evidence.FOUND || evidence == Evidence.ABSENT;
    }
}
