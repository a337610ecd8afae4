package dev.placenotify.model;

import java.util.Map;

/**
 * One store's settings. Optional fields are null in JSON and resolved by {@link StoreCatalog}; a store
 * can only turn on the advertising event SMS with a free opt-out number, as Korean law requires.
 */
public record StoreSettings(String storeId, String name, String accountId, String callbackNumber, String phone,
                            Integer reminderLeadMinutes, Map<MessageKind, MessageTemplate> templates,
                            EventSms eventSms, Boolean cancellationNotice, Boolean rescheduleNotice,
                            Boolean enabled) {
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
        cancellationNotice = cancellationNotice != null && cancellationNotice;
        rescheduleNotice = rescheduleNotice != null && rescheduleNotice;
        enabled = enabled == null || enabled;
        if (eventSms != null && blankToNull(eventSms.optOutNumber()) == null) {
            throw new IllegalArgumentException("store " + storeId
                    + ": eventSms needs an optOutNumber (advertising SMS must carry a free opt-out number)");
        }
    }

    public boolean eventSmsEnabled() {
        return eventSms != null;
    }

    /** A copy with the catalog's default callback number where the store has none. */
    StoreSettings withCallbackFallback(String fallback) {
        if (blankToNull(callbackNumber) != null) {
            return this;
        }
        return new StoreSettings(storeId, name, accountId, fallback, phone == null ? fallback : phone,
                reminderLeadMinutes, templates, eventSms, cancellationNotice, rescheduleNotice, enabled);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** The evening advertising SMS: on when present. */
    public record EventSms(String optOutNumber) {}
}
