package dev.placenotify.planner.core;

/**
 * Korean phone numbers written the way people read them: {@code 0801234567} → {@code 080-123-4567},
 * {@code 0212345678} → {@code 02-1234-5678}, {@code 15881234} → {@code 1588-1234}. A number it does not
 * recognise is returned as given (stripped), never dropped.
 */
public final class KoreanPhoneFormat {
    private KoreanPhoneFormat() {}

    public static String pretty(String number) {
        if (number == null || number.isBlank()) {
            return "";
        }
        String text = number.strip();
        if (text.startsWith("+")) {
            return text;
        }
        String d = text.replaceAll("\\D", "");
        int n = d.length();
        if (d.startsWith("02") && (n == 9 || n == 10)) {
            return d.substring(0, 2) + "-" + d.substring(2, n - 4) + "-" + d.substring(n - 4);
        }
        if (n == 8 && d.matches("1[5-8].*")) {
            return d.substring(0, 4) + "-" + d.substring(4);
        }
        if (d.startsWith("050") && n == 12) {
            return d.substring(0, 4) + "-" + d.substring(4, 8) + "-" + d.substring(8);
        }
        if (d.startsWith("0") && !d.startsWith("02") && (n == 10 || n == 11)) {
            return d.substring(0, 3) + "-" + d.substring(3, n - 4) + "-" + d.substring(n - 4);
        }
        return text;
    }
}
