package dev.placenotify.planner.core;

import dev.placenotify.model.Booking;
import dev.placenotify.model.BookingOption;
import dev.placenotify.model.ContentType;
import dev.placenotify.model.MessageTemplate;
import dev.placenotify.model.Messages;
import dev.placenotify.model.PersonalData;
import dev.placenotify.model.SmsType;
import dev.placenotify.model.StoreSettings;
import dev.placenotify.planner.rules.NoteAction;
import dev.placenotify.planner.rules.TemplateVariables;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.stream.Collectors;

/**
 * Renders a rule's template for one booking of one store.
 *
 * <p>Variables ({@link TemplateVariables#BUILT_IN}, then the store's {@code vars}, which cannot shadow a
 * built-in): {@code {customerName}} (else "고객"), {@code {storeName}}, {@code {item}}, {@code {date}}
 * ({@code 10월 22일(수)}), {@code {time}} ({@code 15:30}), both the reservation start in KST,
 * {@code {partySize}}, {@code {storePhone}} (formatted), {@code {options}} (the booked options' names, {@code 이름 ×2} when booked more than once),
 * {@code {last4}}. A missing value renders empty. Values are inserted once, never expanded again.
 *
 * <p>The text is then made EUC-KR encodable ({@link EucKrText#sanitize}). Up to 90 bytes it is an SMS;
 * longer, an LMS with a subject (the template's, else {@code [store] label}, at most 40 bytes) and at
 * most 2000 bytes of content, both cut between characters. A template that renders to nothing is not sent.
 *
 * <p>Advertising (ContentType AD) content is always {@code (광고)[{storeName}] {body}} followed by a line
 * {@code 무료수신거부 {opt-out number}}, the body shortened if needed so that both frame parts survive; a
 * template's own leading "(광고)" is not repeated.
 */
public final class MessageRenderer {
    private MessageRenderer() {}

    /** A message's text, ready for SENS. */
    public record Rendered(SmsType type, ContentType contentType, String subject, String content) {}

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("M월 d일(E)", Locale.KOREAN);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.KOREAN);
    private static final String AD_PREFIX = "(광고)";
    /** Bound on the store name and opt-out number inside the advertising frame, so the body always has room. */
    private static final int FRAME_PART_MAX_BYTES = 60;
    private static final int NOTE_MAX_CHARS = 300;

    /** The text of {@code template} for the booking, or empty when it renders to nothing. */
    public static Optional<Rendered> render(String label, ContentType contentType, MessageTemplate template,
                                            StoreSettings store, Booking booking) {
        Map<String, String> variables = variables(store, booking, false);
        String body = EucKrText.sanitize(fill(template.body(), variables));
        if (body.isEmpty()) {
            return Optional.empty();
        }
        String content = contentType == ContentType.AD ? frameAdvertisement(body, store)
                : EucKrText.truncate(body, EucKrText.LMS_MAX_BYTES);
        if (EucKrText.byteLength(content) <= EucKrText.SMS_MAX_BYTES) {
            return Optional.of(new Rendered(SmsType.SMS, contentType, null, content));
        }
        String subject = subject(template.subject(), variables);
        if (subject.isEmpty()) {
            subject = subject("[{storeName}] " + label, variables);
        }
        return Optional.of(new Rendered(SmsType.LMS, contentType, subject, content));
    }

    /** A note's line: the customer's name masked, no full phone number, one line of at most 300 characters. */
    public static String renderNote(NoteAction note, StoreSettings store, Booking booking) {
        String line = fill(note.text(), variables(store, booking, true)).replaceAll("\\s+", " ").strip();
        return line.length() <= NOTE_MAX_CHARS ? line : line.substring(0, NOTE_MAX_CHARS - 1) + "…";
    }

    /** {@code template} with each known {@code {variable}} replaced by its value. */
    public static String fill(String template, Map<String, String> variables) {
        if (template == null) {
            return "";
        }
        Matcher m = TemplateVariables.pattern().matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = variables.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The template variables for one booking of one store; {@code masked} hides the customer's name (notes). */
    public static Map<String, String> variables(StoreSettings store, Booking booking, boolean masked) {
        ZonedDateTime start = booking.startAt().atZone(Messages.KST);
        Map<String, String> v = new HashMap<>(store.vars());
        String name = blank(booking.name()) ? "고객" : booking.name().strip();
        v.put("customerName", masked ? PersonalData.maskName(name) : name);
        v.put("storeName", store.name());
        v.put("item", blank(booking.bizItemName()) ? "" : booking.bizItemName().strip());
        v.put("date", DATE.format(start));
        v.put("time", TIME.format(start));
        v.put("partySize", booking.bookingCount() == null ? "" : booking.bookingCount().toString());
        v.put("storePhone", KoreanPhoneFormat.pretty(store.phone()));
        v.put("options", booking.options().stream().filter(o -> !o.name().isBlank()).map(MessageRenderer::option)
                .collect(Collectors.joining(", ")));
        String last4 = PersonalData.lastDigits(booking.phone());
        v.put("last4", last4 == null || booking.privacyMasked() ? "" : last4);
        return v;
    }

    /** {@code 전문가 보정} once, {@code 전문가 보정 ×2} when booked twice. */
    private static String option(BookingOption o) {
        return o.bookingCount() != null && o.bookingCount() > 1 ? o.name().strip() + " ×" + o.bookingCount() : o.name().strip();
    }

    private static String frameAdvertisement(String body, StoreSettings store) {
        String text = body.startsWith(AD_PREFIX) ? body.substring(AD_PREFIX.length()).strip() : body;
        String name = EucKrText.truncate(EucKrText.sanitize(store.name()).replace('\n', ' '), FRAME_PART_MAX_BYTES);
        String head = AD_PREFIX + "[" + name + "] ";
        String optOut = store.optOutNumber() == null ? "" : KoreanPhoneFormat.pretty(store.optOutNumber());
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
