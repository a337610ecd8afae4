package dev.placenotify.testsupport.sim;

import com.fasterxml.jackson.databind.JsonNode;
import dev.placenotify.model.MessageCodec;
import java.io.IOException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The body of a SENS send request, checked against the documented limits; any violation is
 * rejected with 400 before anything is delivered, as SENS rejects the whole request.
 */
record SensPayload(String type, String contentType, String countryCode, String from, String reserveTime,
                   List<Delivery> deliveries) {

    static final int MAX_RECIPIENTS = 100;
    static final int SMS_MAX_BYTES = 90;
    static final int LMS_MAX_BYTES = 2000;
    static final int SUBJECT_MAX_BYTES = 40;
    static final String AD_PREFIX = "(광고)";
    private static final Set<String> TYPES = Set.of("SMS", "LMS", "MMS");
    private static final Set<String> CONTENT_TYPES = Set.of("COMM", "AD");
    private static final Pattern DIGITS = Pattern.compile("\\d+");
    private static final DateTimeFormatter RESERVE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm")
            .withResolverStyle(ResolverStyle.STRICT);

    /** One recipient with the content and subject it will actually get. */
    record Delivery(String to, String subject, String content) {}

    static SensPayload parse(byte[] body) {
        JsonNode root;
        try {
            root = MessageCodec.mapper().readTree(body);
        } catch (IOException e) {
            throw invalid("request body is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw invalid("request body must be a JSON object");
        }
        String type = upper(requiredText(root, "type"));
        if (!TYPES.contains(type)) {
            throw invalid("type must be SMS, LMS or MMS");
        }
        String contentType = upper(optionalText(root, "contentType", "COMM"));
        if (!CONTENT_TYPES.contains(contentType)) {
            throw invalid("contentType must be COMM or AD");
        }
        String countryCode = digits(optionalText(root, "countryCode", "82"), "countryCode");
        String from = digits(requiredText(root, "from"), "from");
        String defaultContent = requiredText(root, "content");
        String defaultSubject = optionalText(root, "subject", null);
        String reserveTime = reserveTime(optionalText(root, "reserveTime", null));

        JsonNode messages = root.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw invalid("messages must hold at least one recipient");
        }
        if (messages.size() > MAX_RECIPIENTS) {
            throw invalid("messages may hold at most " + MAX_RECIPIENTS + " recipients");
        }
        List<Delivery> deliveries = new ArrayList<>(messages.size());
        for (JsonNode message : messages) {
            if (!message.isObject()) {
                throw invalid("each entry of messages must be an object");
            }
            String to = digits(requiredText(message, "to"), "messages.to");
            String content = optionalText(message, "content", defaultContent);
            String subject = type.equals("SMS") ? null : optionalText(message, "subject", defaultSubject);
            checkContent(type, contentType, content);
            checkSubject(subject);
            deliveries.add(new Delivery(to, subject, content));
        }
        return new SensPayload(type, contentType, countryCode, from, reserveTime, List.copyOf(deliveries));
    }

    private static void checkContent(String type, String contentType, String content) {
        if (content.isEmpty()) {
            throw invalid("content must not be empty");
        }
        if (!EucKr.canEncode(content)) {
            throw invalid("content contains characters outside EUC-KR");
        }
        int limit = type.equals("SMS") ? SMS_MAX_BYTES : LMS_MAX_BYTES;
        int bytes = EucKr.byteLength(content);
        if (bytes > limit) {
            throw invalid("content is " + bytes + " bytes, " + type + " allows " + limit);
        }
        if (contentType.equals("AD") && !content.startsWith(AD_PREFIX)) {
            throw invalid("advertising content must start with " + AD_PREFIX);
        }
    }

    private static void checkSubject(String subject) {
        if (subject == null) {
            return;
        }
        if (!EucKr.canEncode(subject)) {
            throw invalid("subject contains characters outside EUC-KR");
        }
        if (EucKr.byteLength(subject) > SUBJECT_MAX_BYTES) {
            throw invalid("subject exceeds " + SUBJECT_MAX_BYTES + " bytes");
        }
    }

    private static String reserveTime(String value) {
        if (value == null) {
            return null;
        }
        try {
            LocalDateTime.parse(value, RESERVE_TIME);
            return value;
        } catch (DateTimeParseException e) {
            throw invalid("reserveTime must be yyyy-MM-dd HH:mm");
        }
    }

    private static String requiredText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw invalid(field + " is required");
        }
        if (!value.isTextual()) {
            throw invalid(field + " must be a string");
        }
        return value.asText();
    }

    private static String optionalText(JsonNode node, String field, String absent) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return absent;
        }
        if (!value.isTextual()) {
            throw invalid(field + " must be a string");
        }
        return value.asText();
    }

    private static String digits(String value, String field) {
        if (!DIGITS.matcher(value).matches()) {
            throw invalid(field + " must contain digits only");
        }
        return value;
    }

    private static String upper(String value) {
        return value.toUpperCase(Locale.ROOT);
    }

    private static RejectedRequest invalid(String message) {
        return new RejectedRequest(SensSimulator.errorAnswer(400, message));
    }
}
