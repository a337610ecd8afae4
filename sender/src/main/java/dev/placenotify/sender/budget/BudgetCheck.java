package dev.placenotify.sender.budget;

import dev.placenotify.model.SmsJob;
import dev.placenotify.sender.budget.BudgetCaps.Scope;
import java.time.Instant;

/**
 * Counts one job against its store's counter, then its run's; a job either fits both or is held, and
 * a job held by the run's cap is taken back from its store's count, so a held text never uses up budget.
 */
public final class BudgetCheck {
    private final BudgetLedger ledger;
    private final BudgetCaps caps;

    public BudgetCheck(BudgetLedger ledger, BudgetCaps caps) {
        this.ledger = ledger;
        this.caps = caps;
    }

    public BudgetCaps caps() {
        return caps;
    }

    public BudgetLedger ledger() {
        return ledger;
    }

    public sealed interface Decision {
        record Pass() implements Decision {}

        /**
         * Held by the counter {@code counterKey}; {@code heldSoFar} jobs of the run are held there now.
         * {@code reason} begins with "held: " and says which cap.
         */
        record Held(String counterKey, Scope scope, String reason, int heldSoFar) implements Decision {}
    }

    public Decision check(SmsJob job, Instant now) {
        int price = caps.priceOf(job.type());
        String storeKey = BudgetLedger.counterKey(job.runId(), Scope.STORE, job.storeId());
        BudgetLedger.Count atStore = ledger.count(storeKey, job, caps.cap(Scope.STORE), price, now);
        if (atStore instanceof BudgetLedger.Count.Refused r) {
            return held(storeKey, Scope.STORE, r.reason(), job, now);
        }
        String runKey = BudgetLedger.counterKey(job.runId(), Scope.RUN, null);
        BudgetLedger.Count inRun = ledger.count(runKey, job, caps.cap(Scope.RUN), price, now);
        if (inRun instanceof BudgetLedger.Count.Refused r) {
            if (atStore instanceof BudgetLedger.Count.Admitted a && !a.before()) {
                ledger.uncount(storeKey, job, price);
            }
            return held(runKey, Scope.RUN, r.reason(), job, now);
        }
        return new Decision.Pass();
    }

    private Decision held(String key, Scope scope, String reason, SmsJob job, Instant now) {
        int heldSoFar = ledger.hold(key, job, now);
        return new Decision.Held(key, scope, "held: " + reason + " (run " + job.runId()
                + (scope == Scope.STORE ? ", store " + job.storeId() : "") + "); released only by 'operator budget release'",
                heldSoFar);
    }

    /** The alert's text: which cap, how many are held, and what the owner or operator can do. */
    public static String alertText(Decision.Held h, String runId, String storeId) {
        String where = h.scope() == Scope.STORE ? "store " + storeId + " in run " + runId : "run " + runId;
        String release = "./operator budget release --run " + runId + (h.scope() == Scope.STORE ? " --store " + storeId : "")
                + " --yes";
        return h.reason().substring("held: ".length(), h.reason().indexOf(" (run ")) + " for " + where + ": " + h.heldSoFar()
                + " text(s) held so far and not sent; the rest of this run past the cap is held too (counted in the summary as"
                + " skipped). If a rule or backfill planned them by mistake, fix it and do nothing; if they are wanted, release"
                + " them with '" + release + "'";
    }
}
