package dev.placenotify.sender.budget;

import dev.placenotify.model.SmsType;

/**
 * How much one run may text, per store and in all, counted in texts and in estimated cost (KRW, by the
 * unit prices). Defaults are generous: a normal cycle of the 8 stores texts a few dozen people; the caps
 * are there for a wrong backfill or a rule mistake, not for a busy evening.
 */
public record BudgetCaps(int storeTexts, int runTexts, long storeCostKrw, long runCostKrw, int smsPriceKrw, int lmsPriceKrw) {
    public static final BudgetCaps DEFAULTS = new BudgetCaps(300, 1000, 15_000, 50_000, 9, 30);

    public BudgetCaps {
        if (storeTexts < 1 || runTexts < 1 || storeCostKrw < 1 || runCostKrw < 1) {
            throw new IllegalArgumentException("budget caps must be at least 1 (texts " + storeTexts + "/" + runTexts
                    + ", cost " + storeCostKrw + "/" + runCostKrw + ")");
        }
        if (smsPriceKrw < 0 || lmsPriceKrw < 0) {
            throw new IllegalArgumentException("unit prices cannot be negative");
        }
    }

    /** The estimated cost of one text of this type, in KRW. */
    public int priceOf(SmsType type) {
        return switch (type) {
            case SMS -> smsPriceKrw;
            case LMS -> lmsPriceKrw;
        };
    }

    /** The caps of one counter: a store within a run, or the whole run. */
    public Cap cap(Scope scope) {
        return scope == Scope.STORE ? new Cap(scope, storeTexts, storeCostKrw) : new Cap(scope, runTexts, runCostKrw);
    }

    public enum Scope { STORE, RUN }

    /** A counter's limits: at most {@code texts} texts and {@code costKrw} estimated cost. */
    public record Cap(Scope scope, int texts, long costKrw) {
        /**
         * Whether one more text costing {@code price} fits after {@code counted} texts costing {@code spent}.
         * The text that reaches a cap exactly still goes; the one after it does not.
         */
        public boolean admits(long counted, long spent, int price) {
            return counted < texts && spent + price <= costKrw;
        }

        /** Which limit a refused text hit, in the words of the held reason and the alert. */
        public String reached(long counted, long spent, int price) {
            String where = scope == Scope.STORE ? "store" : "run";
            return counted >= texts ? "budget " + where + " cap " + texts + " texts reached"
                    : "budget " + where + " cap " + costKrw + " KRW (estimated) reached";
        }
    }
}
