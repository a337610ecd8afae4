package dev.placenotify.model;

import java.time.ZoneId;

/** Constants every stage must agree on. */
public final class Messages {
    private Messages() {}

    /** Version written into every message; decoders accept 1..SCHEMA_VERSION. */
    public static final int SCHEMA_VERSION = 1;

    /** Naver Booking, SENS quiet hours and the evening window are all defined in Korean time. */
    public static final ZoneId KST = ZoneId.of("Asia/Seoul");
}
