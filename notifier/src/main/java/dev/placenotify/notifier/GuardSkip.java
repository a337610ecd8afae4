package dev.placenotify.notifier;

import dev.placenotify.model.OutcomeStatus;
import dev.placenotify.model.SendOutcome;

/**
 * A text the sender's safeguards kept back, in the owners' words for its summary line: an advertisement to a
 * number on the SENS unsubscribe list, or a text held past a budget cap. Other skips (quiet hours, dry run) stay
 * counted only. Recognised by the reason the sender records (docs/sender.md, "Opt-outs" and "Budget guard").
 */
final class GuardSkip {
    static final String OPTED_OUT = "수신거부";
    static final String BUDGET_HELD = "발송 한도 보류";

    private GuardSkip() {}

    /** The line's note for a first-hand SKIPPED outcome kept back by a safeguard; null for any other outcome. */
    static String of(SendOutcome e) {
        if (e.replayed() || e.status() != OutcomeStatus.SKIPPED || e.error() == null) {
            return null;
        }
        if (e.error().startsWith("opted out")) {
            return OPTED_OUT;
        }
        if (e.error().startsWith("held: budget")) {
            return BUDGET_HELD;
        }
        return null;
    }
}
