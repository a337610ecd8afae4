package dev.placenotify.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One store's settings. Optional fields are null in JSON and resolved by {@link StoreCatalog}.
 *
 * @param name                the branch name owners and customers know ({@code 화성 새솔점})
 * @param reminderLeadMinutes the store's lead for rules that say {@code withinMinutesBeforeStart: storeLead}
 * @param templates           the store's own templates by name (e.g. {@code guide}, its door-code text);
 *                            a rule's template is looked up here first, then in the rule set
 * @param vars                the store's template variables ({@code doorCode}, {@code wifiName}, …) over
 *                            the catalog's chain-wide ones ({@code brand}); values that open doors: never logged
 * @param optOutNumber        the free opt-out number advertising (AD) texts must carry, as Korean law
 *                            requires; a store without one cannot have an AD rule enabled
 */
public record StoreSettings(String storeId, String name, String accountId, String callbackNumber, String phone,
                            Integer reminderLeadMinutes, Map<String, MessageTemplate> templates,
                            Map<String, String> vars, String optOutNumber, Boolean enabled) {
    public static final int DEFAULT_REMINDER_LEAD_MINUTES = 120;
    public static final String DEFAULT_ACCOUNT = "default";

    public StoreSettings {
        Required.field(storeId, "storeId");
        name = blankToNull(name) == null ? "매장 " + storeId : name;
        accountId = blankToNull(accountId) == null ? DEFAULT_ACCOUNT : accountId;
        phone = blankToNull(phone) == null ? callbackNumber : phone;
        reminderLeadMinutes = reminderLeadMinutes == null ? DEFAULT_REMINDER_LEAD_MINUTES : reminderLeadMinutes;
        if (reminderLeadMinutes <= 0 || reminderLeadMinutes > 24 * 60) {
            throw new IllegalArgumentException("store " + storeId + ": reminderLeadMinutes must be 1..1440, was " + reminderLeadMinutes);
        }
        templates = Required.map(templates);
        vars = Required.map(vars);
        optOutNumber = blankToNull(optOutNumber);
        enabled = enabled == null || enabled;
    }

    /** A copy with the catalog's defaults where the store has none: callback number, chain-wide variables. */
    StoreSettings withDefaults(String fallbackCallback, Map<String, String> chainVars) {
        String callback = blankToNull(callbackNumber) == null ? fallbackCallback : callbackNumber;
        Map<String, String> merged = new LinkedHashMap<>(chainVars == null ? Map.of() : chainVars);
        merged.putAll(vars);
        return new StoreSettings(storeId, name, accountId, callback, blankToNull(phone) == null ? callback : phone,
                reminderLeadMinutes, templates, merged, optOutNumber, enabled);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
