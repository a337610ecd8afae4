package dev.placenotify.model;

/**
 * One option a customer picked with a booking (Naver's {@code bookingOptionJson} entry), e.g.
 * {@code {"optionId": 20266307, "name": "110분/1~4인촬영", "bookingCount": 1}}. Rules match on its name.
 */
public record BookingOption(String optionId, String name, Integer bookingCount) {
    public BookingOption {
        name = name == null ? "" : name;
    }
}
