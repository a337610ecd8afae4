package dev.placenotify.planner.core;

import dev.placenotify.model.PersonalData;
import java.util.regex.Pattern;

/**
 * Whether a customer's phone number can receive an SMS: Korean mobile numbers only (010, 011,
 * 016–019), in any of the ways people write them ({@code 010-1234-5678}, {@code +82 10-1234-5678},
 * {@code 82-10-1234-5678}, {@code 0082 10 1234 5678}, {@code (010) 1234 5678}), normalised to digits
 * ({@code 01012345678}). 010 numbers have 11 digits; the old 011/016–019 numbers 10 or 11.
 * A rejection's reason shows the number masked only ({@link PersonalData#maskPhone}).
 */
public final class KoreanMobileNumber {
    private KoreanMobileNumber() {}

    /** What {@link #parse} made of a number. */
    public sealed interface Parsed permits Mobile, NotMobile {}

    /** A mobile number, as its domestic digits. */
    public record Mobile(String digits) implements Parsed {}

    /** Not a number we can text; {@code reason} names why, without the full number. */
    public record NotMobile(String reason) implements Parsed {}

    private static final Pattern PHONE_CHARACTERS = Pattern.compile("\\+?[0-9\\s().\\-]+");
    private static final Pattern MOBILE_PREFIX = Pattern.compile("01[016789].*");
    private static final Pattern LANDLINE = Pattern.compile("(02|0[3-6][1-5]).*");

    public static Parsed parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return new NotMobile("no phone number");
        }
        String text = raw.strip();
        String masked = PersonalData.maskPhone(text);
        if (!PHONE_CHARACTERS.matcher(text).matches()) {
            return new NotMobile("phone " + masked + " is not a phone number");
        }
        String digits = text.replaceAll("\\D", "");
        if (digits.length() < 7) {
            return new NotMobile("phone " + masked + " is too short to be a phone number");
        }
        String national;
        if (text.startsWith("+") || digits.startsWith("00")) {
            String international = text.startsWith("+") ? digits : digits.substring(2);
            if (!international.startsWith("82")) {
                return new NotMobile("phone " + masked + " is a foreign number");
            }
            national = domestic(international.substring(2));
        } else if (digits.startsWith("82")) {
            national = domestic(digits.substring(2));
        } else {
            national = digits;
        }
        return classify(national, masked);
    }

    /** The digits after the country code as dialled at home: {@code 10…} → {@code 010…}. */
    private static String domestic(String afterCountryCode) {
        return afterCountryCode.startsWith("0") ? afterCountryCode : "0" + afterCountryCode;
    }

    private static Parsed classify(String national, String masked) {
        if (national.startsWith("010")) {
            return national.length() == 11 ? new Mobile(national)
                    : new NotMobile("phone " + masked + " has " + national.length() + " digits (010 numbers have 11)");
        }
        if (MOBILE_PREFIX.matcher(national).matches()) {
            return national.length() == 10 || national.length() == 11 ? new Mobile(national)
                    : new NotMobile("phone " + masked + " has " + national.length() + " digits (a mobile number has 10 or 11)");
        }
        if (LANDLINE.matcher(national).matches()) {
            return new NotMobile("phone " + masked + " is a landline number, not a mobile");
        }
        if (national.startsWith("070")) {
            return new NotMobile("phone " + masked + " is an internet phone (070), not a mobile");
        }
        if (national.startsWith("050")) {
            return new NotMobile("phone " + masked + " is a virtual (050) number, not a mobile");
        }
        if (national.startsWith("080") || national.matches("1[5-8]\\d{6}")) {
            return new NotMobile("phone " + masked + " is a business service number, not a mobile");
        }
        return new NotMobile("phone " + masked + " is not a Korean mobile number");
    }
}
