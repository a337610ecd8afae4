package dev.placenotify.operator.rules;

import dev.placenotify.model.Booking;
import dev.placenotify.model.PersonalData;
import dev.placenotify.planner.core.EucKrText;

/**
 * A rendered SMS as an operator may see it: the booking's customer name masked wherever the template
 * put it ({@code 김*수님}), as written or as the EUC-KR sanitiser left it, and the phone number masked.
 */
final class TextMask {
    private TextMask() {}

    static String mask(String text, Booking booking) {
        if (text == null || booking == null) {
            return text;
        }
        String out = text;
        String name = booking.name() == null ? "" : booking.name().strip();
        // A one-letter name would mask that letter everywhere in the text; it identifies nobody anyway.
        if (name.codePointCount(0, name.length()) >= 2) {
            String masked = PersonalData.maskName(name);
            out = out.replace(name, masked);
            String sanitized = EucKrText.sanitize(name);
            if (sanitized.codePointCount(0, sanitized.length()) >= 2 && !sanitized.equals(name)) {
                out = out.replace(sanitized, PersonalData.maskName(sanitized));
            }
        }
        String digits = booking.phone() == null ? "" : booking.phone().replaceAll("\\D", "");
        if (digits.length() >= 10) {
            String masked = PersonalData.maskPhone(digits);
            out = out.replace(booking.phone().strip(), masked).replace(digits, masked);
        }
        return out;
    }
}
