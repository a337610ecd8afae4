package dev.placenotify.notifier;

import dev.placenotify.model.OutcomeStatus;
import dev.placenotify.model.SendOutcome;

/**
 * One text as the owners' post lists it (the legacy's {@code 예약확정 화성 새솔점 김*수 5678}): the rule
 * and its label, the branch, the customer's name as the planner masked it, the last four digits, and what
 * became of the text. Never a full number, never the content.
 */
public record TextLine(OutcomeStatus status, String rule, String label, String storeId, String customer, String phoneLast4,
                       String held) {

    /** A line of a text that was not held back by a safeguard ({@code held} null). */
    public TextLine(OutcomeStatus status, String rule, String label, String storeId, String customer, String phoneLast4) {
        this(status, rule, label, storeId, customer, phoneLast4, null);
    }

    /**
     * Texts that get a line: sent, failed, unknown and expired ones, and the ones a safeguard kept back (an
     * opted-out number, a budget cap: {@link GuardSkip}), so the owners see who did not get a text and why.
     * Other skipped jobs (quiet hours, dry run) were deliberately not texted, and a replay reports a text
     * settled before: both are only counted.
     */
    public static boolean listed(SendOutcome e) {
        return !e.replayed() && (e.status() != OutcomeStatus.SKIPPED || GuardSkip.of(e) != null);
    }

    public static TextLine of(SendOutcome e) {
        return new TextLine(e.status(), e.job().rule(), e.job().label(), e.job().storeId(), e.job().customer(), e.job().phoneLast4(),
                GuardSkip.of(e));
    }
}
