package dev.placenotify.sender.optout;

/**
 * One spelling per Korean phone number, so a number SENS lists as {@code 01012345678} matches a job's
 * {@code 010-1234-5678} or {@code +82 10-1234-5678}: digits only, the international prefix 82 turned
 * back into the domestic leading 0.
 */
public final class PhoneNumbers {
    private PhoneNumbers() {}

    /** Digits only, {@code 82…} → {@code 0…}; null or no digits → "". */
    public static String normalise(String number) {
        if (number == null) {
            return "";
        }
        String digits = number.replaceAll("\\D", "");
        // A domestic number starts with 0; one starting with 82 is the same number written internationally.
        if (digits.startsWith("82") && digits.length() >= 11) {
            String rest = digits.substring(2);
            return rest.startsWith("0") ? rest : "0" + rest;
        }
        return digits;
    }
}
