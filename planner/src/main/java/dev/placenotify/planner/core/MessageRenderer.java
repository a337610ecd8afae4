package dev.placenotify.planner.core;

import dev.placenotify.model.Booking;
import dev.placenotify.model.ContentType;
import dev.placenotify.model.MessageKind;
import dev.placenotify.model.MessageTemplate;
import dev.placenotify.model.Messages;
import dev.placenotify.model.SmsType;
import dev.placenotify.model.StoreSettings;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a message from the store's template for its kind (else {@link DefaultTemplates}).
 *
 * <p>Variables: {@code {customerName}} (else "고객"), {@code {storeName}}, {@code {item}},
 * {@code {date}} ({@code 10월 22일(수)}), {@code {time}} ({@code 15:30}), both the reservation start in
 * KST, {@code {partySize}}, {@code {storePhone}} (formatted); a missing value renders empty, an unknown
 * variable stays as written. Values are inserted once, never expanded again.
 *
 * <p>The text is then made EUC-KR encodable ({@link EucKrText#sanitize}); a template that renders to
 * nothing falls back to the default. Up to 90 bytes it is an SMS; longer, an LMS with a subject (the
 * template's, else the default, at most 40 bytes) and at most 2000 bytes of content, both cut between
 * characters.
 *
 * <p>EVENT is advertising (ContentType AD): its content is always {@code (광고)[{storeName}] {body}}
 * followed by a line {@code 무료수신거부 {opt-out number}}, the body shortened if needed so that both
 * frame parts survive; a template's own leading "(광고)" is not repeated.
 */
public final class MessageRenderer {
    private MessageRenderer() {}

    /** A message's text, ready for SENS. */
    public record Rendered(SmsType type, ContentType contentType, String subject, String content) {}

    private static final Pattern VARIABLE = Pattern.compile("\\{(\\w+)}");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("M월 d일(E)", Locale.KOREAN);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.KOREAN);
    private static final String AD_PREFIX = "(광고)";
    /** Bound on the store name and opt-out number inside the advertising frame, so the body always has room. */
    private static final int FRAME_PART_MAX_BYTES = 60;

    public static Rendered render(MessageKind kind, StoreSettings store, Booking booking) {
        Map<String, String> variables = variables(store, booking);
        MessageTemplate own = store.templates().get(kind);
        MessageTemplate fallback = DefaultTemplates.of(kind);

        String body = EucKrText.sanitize(fill(own == null ? fallback.body() : own.body(), variables));
        if (body.isEmpty()) {
            body = EucKrText.sanitize(fill(fallback.body(), variables));
        }
        String content = kind == MessageKind.EVENT ? frameAdvertisement(body, store)
                : EucKrText.truncate(body, EucKrText.LMS_MAX_BYTES);
        ContentType contentType = kind == MessageKind.EVENT ? ContentType.AD : ContentType.COMM;
        if (EucKrText.byteLength(content) <= EucKrText.SMS_MAX_BYTES) {
            return new Rendered(SmsType.SMS, contentType, null, content);
        }
        String subject = subject(own == null ? null : own.subject(), variables);
        if (subject.isEmpty()) {
            subject = subject(fallback.subject(), variables);
        }
        return new Rendered(SmsType.LMS, contentType, subject, content);
    }

    /** {@code template} with each known {@code {variable}} replaced by its value. */
    public static String fill(String template, Map<String, String> variables) {
        if (template == null) {
            return "";
        }
        Matcher m = VARIABLE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = variables.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The template variables for one booking of one store. */
    public static Map<String, String> variables(StoreSettings store, Booking booking) {
        ZonedDateTime start = booking.startAt().atZone(Messages.KST);
        return Map.of(
                "customerName", blank(booking.name()) ? "고객" : booking.name().strip(),
                "storeName", store.name(),
                "item", blank(booking.bizItemName()) ? "" : booking.bizItemName().strip(),
                "date", DATE.format(start),
                "time", TIME.format(start),
                "partySize", booking.bookingCount() == null ? "" : booking.bookingCount().toString(),
                "storePhone", KoreanPhoneFormat.pretty(store.phone()));
    }

    private static String frameAdvertisement(String body, StoreSettings store) {
        String text = body.startsWith(AD_PREFIX) ? body.substring(AD_PREFIX.length()).strip() : body;
        String name = EucKrText.truncate(EucKrText.sanitize(store.name()).replace('\n', ' '), FRAME_PART_MAX_BYTES);
        String head = AD_PREFIX + "[" + name + "] ";
        String optOut = store.eventSms() == null ? "" : KoreanPhoneFormat.pretty(store.eventSms().optOutNumber());
        String tail = "\n무료수신거부 " + EucKrText.truncate(EucKrText.sanitize(optOut).replace('\n', ' '), FRAME_PART_MAX_BYTES);
        int room = EucKrText.LMS_MAX_BYTES - EucKrText.byteLength(head) - EucKrText.byteLength(tail);
        return head + EucKrText.truncate(text, Math.max(0, room)).strip() + tail;
    }

    private static String subject(String template, Map<String, String> variables) {
        String subject = EucKrText.sanitize(fill(template, variables)).replace('\n', ' ');
        return EucKrText.truncate(subject, EucKrText.SUBJECT_MAX_BYTES).strip();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
