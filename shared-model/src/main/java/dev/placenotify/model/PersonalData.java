package dev.placenotify.model;

/** Masks customers' names and phone numbers wherever they would otherwise reach a log line. */
public final class PersonalData {
    private PersonalData() {}

    /** {@code 01012345678} → {@code 010-****-5678}; anything short or odd keeps only its last two characters. */
    public static String maskPhone(String phone) {
        if (phone == null || phone.isBlank()) {
            return "(none)";
        }
        String digits = phone.replaceAll("\\D", "");
        if (digits.length() >= 10) {
            return digits.substring(0, 3) + "-****-" + digits.substring(digits.length() - 4);
        }
        String tail = phone.length() <= 2 ? "" : phone.substring(phone.length() - 2);
        return "***" + tail;
    }

    /** The last four digits of a number ({@code 5678}), what owners use to tell customers apart; null when there are fewer. */
    public static String lastDigits(String phone) {
        if (phone == null) {
            return null;
        }
        String digits = phone.replaceAll("\\D", "");
        return digits.length() < 4 ? null : digits.substring(digits.length() - 4);
    }

    /** {@code 김민수} → {@code 김*수}; two letters keep the first. */
    public static String maskName(String name) {
        if (name == null || name.isBlank()) {
            return "(none)";
        }
        int[] cps = name.strip().codePoints().toArray();
        if (cps.length <= 2) {
            return new String(cps, 0, 1) + "*";
        }
        return new String(cps, 0, 1) + "*".repeat(cps.length - 2) + new String(cps, cps.length - 1, 1);
    }
}
