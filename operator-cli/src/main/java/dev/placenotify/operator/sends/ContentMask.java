package dev.placenotify.operator.sends;

import dev.placenotify.model.PersonalData;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks what an SMS text may carry about its customer before the CLI prints it: the name the templates
 * put before "님" ({customerName}님) and anything shaped like a mobile number. Best effort: a store's own
 * template may place a name elsewhere.
 */
public final class ContentMask {
    private static final Pattern NAME_BEFORE_NIM = Pattern.compile("([\\p{IsHangul}\\p{IsAlphabetic}]{1,20})님");
    private static final Pattern MOBILE = Pattern.compile("01[016789][-. ]?\\d{3,4}[-. ]?\\d{4}");

    private ContentMask() {}

    public static String mask(String content) {
        if (content == null) {
            return "";
        }
        String masked = replace(MOBILE.matcher(content), m -> PersonalData.maskPhone(m.group()));
        masked = replace(NAME_BEFORE_NIM.matcher(masked), m -> PersonalData.maskName(m.group(1)) + "님");
        return masked.replace('\n', ' ');
    }

    private static String replace(Matcher m, java.util.function.Function<Matcher, String> with) {
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(b, Matcher.quoteReplacement(with.apply(m)));
        }
        m.appendTail(b);
        return b.toString();
    }
}
