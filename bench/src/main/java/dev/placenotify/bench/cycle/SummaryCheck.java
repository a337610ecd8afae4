package dev.placenotify.bench.cycle;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the balance out of the run's summary line ("... | SMS 발송 N건: ... | 계획 P [+ 계획 외 X] = 발송 S + 실패 F
 * + 건너뜀 K + 불명 U [+ 미처리 R]") to check that every SMS SENS received is accounted for in the posted summary.
 */
record SummaryCheck(int planned, int unplanned, int sent, int failed, int skipped, int unknown, int pending) {
    private static final Pattern BALANCE = Pattern.compile("계획 (\\d+)(?: \\+ 계획 외 (\\d+))? = 발송 (\\d+) \\+ 실패 (\\d+)"
            + " \\+ 건너뜀 (\\d+) \\+ 불명 (\\d+)(?: \\+ 미처리 (\\d+))?");

    /** Null when the line is missing or no longer has this shape. */
    static SummaryCheck parse(String summaryLine) {
        if (summaryLine == null) {
            return null;
        }
        Matcher m = BALANCE.matcher(summaryLine);
        if (!m.find()) {
            return null;
        }
        return new SummaryCheck(number(m, 1), number(m, 2), number(m, 3), number(m, 4), number(m, 5), number(m, 6), number(m, 7));
    }

    private static int number(Matcher m, int group) {
        return m.group(group) == null ? 0 : Integer.parseInt(m.group(group));
    }

    /** Every SMS SENS received is in the summary as sent, and nothing planned is failed, unknown or missing. */
    boolean accountsFor(int smsReceivedBySens, int expected) {
        return sent == smsReceivedBySens && planned == expected && sent == expected && unplanned == 0 && failed == 0
                && unknown == 0 && pending == 0;
    }
}
