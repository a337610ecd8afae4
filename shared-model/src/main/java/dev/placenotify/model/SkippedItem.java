package dev.placenotify.model;

/** Something a stage passed over on purpose, with the reason the summary shows. */
public record SkippedItem(String bookingId, String reason) {
    public SkippedItem {
        Required.field(reason, "reason");
    }
}
