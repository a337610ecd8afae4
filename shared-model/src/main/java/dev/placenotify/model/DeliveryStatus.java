package dev.placenotify.model;

/**
 * What the carrier did with a text SENS accepted, as SENS's message lookup reports it. DELIVERED and
 * FAILED are final; PENDING is everything before that (SENS still processing, the carrier's report not
 * in yet, or the lookup itself failed).
 */
public enum DeliveryStatus {
    DELIVERED, FAILED, PENDING;

    public boolean isFinal() {
        return this != PENDING;
    }
}
