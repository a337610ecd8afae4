package dev.placenotify.operator.legacy;

import dev.placenotify.model.Messages;
import dev.placenotify.model.PersonalData;
import dev.placenotify.model.StoreCatalog;
import dev.placenotify.planner.rules.KeyScope;
import dev.placenotify.planner.rules.RuleKeys;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One item of the legacy system's DynamoDB table {@code sms} (key {@code booking_num} = "{bizId}_{bookingId}"
 * and {@code phone}; {@code name}, {@code booking_time} "YYYY-MM-DD HH:MM:SS" in KST, flags
 * {@code confirm_sms}, {@code remind_sms}, {@code option_sms}), read as what place-notify must remember:
 * the keys of the texts the legacy already sent, derived exactly as the default rules derive them
 * ({@link RuleKeys}): {@code CONFIRMATION} per booking, {@code REMINDER} per start, {@code EVENT} per date.
 * The legacy wrote its flags as BOOL, as N 0/1 or as S "true"/"false"; all three are read. Names and phone
 * numbers are read only to mask them in the report of an item that cannot be mapped.
 */
public sealed interface LegacyItem {
    String CONFIRMATION = "CONFIRMATION";
    String REMINDER = "REMINDER";
    String EVENT = "EVENT";

    /** A legacy booking of a known store, with the keys of what the legacy sent it. */
    record Mapped(String storeId, String bookingId, Instant startAt, Set<String> sentKeys) implements LegacyItem {
        public Mapped {
            sentKeys = Set.copyOf(sentKeys);
        }
    }

    /** An item that says nothing usable; {@code bookingNum}, {@code phone} and {@code name} as printable (masked). */
    record Unmappable(String bookingNum, String phone, String name, String reason) implements LegacyItem {}

    Pattern BOOKING_NUM = Pattern.compile("(\\d+)_(\\d+)");

    static LegacyItem of(Map<String, AttributeValue> item, StoreCatalog stores) {
        String bookingNum = text(item.get("booking_num"));
        String phone = PersonalData.maskPhone(text(item.get("phone")));
        String name = PersonalData.maskName(text(item.get("name")));
        String shown = bookingNum == null ? "(none)" : bookingNum.length() > 40 ? bookingNum.substring(0, 40) + "…" : bookingNum;
        Matcher m = BOOKING_NUM.matcher(bookingNum == null ? "" : bookingNum.strip());
        if (!m.matches()) {
            return new Unmappable(shown, phone, name, "booking_num is not {bizId}_{bookingId}");
        }
        String storeId = m.group(1);
        String bookingId = m.group(2);
        if (stores.find(storeId).isEmpty()) {
            return new Unmappable(shown, phone, name, "store " + storeId + " is not in the store catalog");
        }
        String time = text(item.get("booking_time"));
        LocalDateTime local;
        try {
            local = LocalDateTime.parse(time == null ? "" : time.strip().replace(' ', 'T'));
        } catch (DateTimeParseException e) {
            return new Unmappable(shown, phone, name, "booking_time " + (time == null ? "is missing"
                    : "'" + abbreviate(time) + "' is not YYYY-MM-DD HH:MM:SS"));
        }
        Instant start = local.atZone(Messages.KST).toInstant();
        LocalDate date = local.toLocalDate();
        Set<String> keys = new LinkedHashSet<>();
        for (var flag : java.util.List.of(Map.entry("confirm_sms", CONFIRMATION), Map.entry("remind_sms", REMINDER),
                Map.entry("option_sms", EVENT))) {
            Boolean set = flag(item.get(flag.getKey()));
            if (set == null) {
                return new Unmappable(shown, phone, name, flag.getKey() + " is neither a boolean, 0/1 nor \"true\"/\"false\": "
                        + describe(item.get(flag.getKey())));
            }
            if (set) {
                keys.add(key(storeId, bookingId, flag.getValue(), start, date));
            }
        }
        return new Mapped(storeId, bookingId, start, keys);
    }

    /** The key the default rule {@code rule} gives this booking (its scope as in the bundled rules.yaml). */
    static String key(String storeId, String bookingId, String rule, Instant start, LocalDate date) {
        KeyScope scope = switch (rule) {
            case CONFIRMATION -> KeyScope.BOOKING;
            case REMINDER -> KeyScope.START;
            case EVENT -> KeyScope.DATE;
            default -> throw new IllegalArgumentException("no legacy flag for rule " + rule);
        };
        return RuleKeys.of(storeId, bookingId, rule, scope, start, date);
    }

    /** true/false; null when the value is not a flag. A missing attribute is false: the legacy never set it. */
    static Boolean flag(AttributeValue v) {
        if (v == null || Boolean.TRUE.equals(v.nul())) {
            return false;
        }
        if (v.bool() != null) {
            return v.bool();
        }
        String s = v.n() != null ? v.n() : v.s();
        if (s == null) {
            return null;
        }
        return switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "1", "true" -> true;
            case "0", "false", "" -> false;
            default -> null;
        };
    }

    private static String text(AttributeValue v) {
        if (v == null) {
            return null;
        }
        return v.s() != null ? v.s() : v.n();
    }

    private static String describe(AttributeValue v) {
        return v.s() != null ? "S '" + abbreviate(v.s()) + "'" : v.n() != null ? "N " + abbreviate(v.n()) : v.type().name();
    }

    private static String abbreviate(String s) {
        return s.length() > 30 ? s.substring(0, 30) + "…" : s;
    }
}
