package dev.placenotify.sender;

import dev.placenotify.sender.budget.BudgetCaps;
import dev.placenotify.shell.EnvConfig;
import java.time.Duration;

/**
 * The sender's safeguards' settings (part of {@link SenderConfig}, read once at cold start).
 *
 * @param optOutMaxAge how long a warm instance decides by the unsubscribe list it read before reading it again
 * @param budget       the per-run and per-store caps and the unit prices they are estimated with
 */
public record GuardSettings(Duration optOutMaxAge, BudgetCaps budget) {
    public static final GuardSettings DEFAULTS = new GuardSettings(Duration.ofMinutes(5), BudgetCaps.DEFAULTS);

    static GuardSettings from(EnvConfig env) {
        BudgetCaps d = BudgetCaps.DEFAULTS;
        return new GuardSettings(env.seconds(SenderConfig.OPTOUT_MAX_AGE_SECONDS, DEFAULTS.optOutMaxAge()),
                new BudgetCaps(env.integer(SenderConfig.BUDGET_STORE_TEXTS, d.storeTexts()),
                        env.integer(SenderConfig.BUDGET_RUN_TEXTS, d.runTexts()),
                        env.integer(SenderConfig.BUDGET_STORE_COST_KRW, (int) d.storeCostKrw()),
                        env.integer(SenderConfig.BUDGET_RUN_COST_KRW, (int) d.runCostKrw()),
                        env.integer(SenderConfig.SMS_UNIT_PRICE_KRW, d.smsPriceKrw()),
                        env.integer(SenderConfig.LMS_UNIT_PRICE_KRW, d.lmsPriceKrw())));
    }
}
