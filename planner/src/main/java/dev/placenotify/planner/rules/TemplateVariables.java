package dev.placenotify.planner.rules;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code {name}} variables a template or note may use: the built-in ones below, plus the store's
 * {@code vars} (over the catalog's chain-wide ones, e.g. {@code brand}). A template using any other
 * name is refused when the rules are loaded, so a typo never reaches a customer as "{doorCdoe}".
 */
public final class TemplateVariables {
    private TemplateVariables() {}

    /**
     * customerName (in a note: masked), storeName, item (Naver's bizItemName), date ({@code 10월 22일(수)})
     * and time ({@code 15:30}) of the reservation start in KST, partySize, storePhone, options (the booked
     * option names, with {@code ×n} when booked n > 1 times), last4 (the phone's last four digits).
     */
    public static final Set<String> BUILT_IN = Set.of("customerName", "storeName", "item", "date", "time", "partySize",
            "storePhone", "options", "last4");

    static final Pattern VARIABLE = Pattern.compile("\\{(\\w+)}");

    public static Pattern pattern() {
        return VARIABLE;
    }

    /** The variable names {@code text} uses, in order of first use. */
    public static Set<String> usedIn(String text) {
        Set<String> names = new LinkedHashSet<>();
        if (text != null) {
            Matcher m = VARIABLE.matcher(text);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }
}
