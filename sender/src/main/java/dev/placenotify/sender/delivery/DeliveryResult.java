package dev.placenotify.sender.delivery;

import dev.placenotify.model.DeliveryStatus;

/** What SENS's answer about one message means for the customer. */
public record DeliveryResult(DeliveryStatus status, String carrierCode, String reason, String telco, String completeTime) {
    public static DeliveryResult pending(String why) {
        return new DeliveryResult(DeliveryStatus.PENDING, null, why, null, null);
    }
}
