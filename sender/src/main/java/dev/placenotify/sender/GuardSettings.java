package dev.placenotify.sender;

import dev.placenotify.model.env.SenderEnv;
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
        return new GuardSettings(env.seconds(SenderEnv.OPTOUT_MAX_AGE_SECONDS, DEFAULTS.optOutMaxAge()),
                new BudgetCaps(env.integer(SenderEnv.BUDGET_STORE_TEXTS, d.storeTexts()),
                        env.integer(SenderEnv.BUDGET_RUN_TEXTS, d.runTexts()),
                        env.integer(SenderEnv.BUDGET_STORE_COST_KRW, (int) d.storeCostKrw()),
                        env.integer(SenderEnv.BUDGET_RUN_COST_KRW, (int) d.runCostKrw()),
                        env.integer(SenderEnv.SMS_UNIT_PRICE_KRW, d.smsPriceKrw()),
                        env.integer(SenderEnv.LMS_UNIT_PRICE_KRW, d.lmsPriceKrw())));
    }
}
