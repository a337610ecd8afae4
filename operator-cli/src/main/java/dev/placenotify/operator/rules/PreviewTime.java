package dev.placenotify.operator.rules;

import dev.placenotify.model.Messages;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * {@code --at}: an owner thinks in Korean time, so a time without an offset ({@code 2025-12-24T20:00},
 * also with a space instead of the {@code T}, or with seconds) is KST; an ISO instant
 * ({@code 2025-12-24T11:00:00Z}) or a time with an offset ({@code 2025-12-24T20:00+09:00}) is taken as given.
 */
public final class PreviewTime {
    private PreviewTime() {}

    public static Instant parse(String text) {
        String t = text == null ? "" : text.strip().replace(' ', 'T');
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException notAnInstant) {
            // next form
        }
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException noOffset) {
            // next form
        }
        try {
            return LocalDateTime.parse(t).atZone(Messages.KST).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a time: write 2025-12-24T20:00 (KST), "
                    + "2025-12-24T20:00+09:00 or 2025-12-24T11:00:00Z");
        }
    }
}
