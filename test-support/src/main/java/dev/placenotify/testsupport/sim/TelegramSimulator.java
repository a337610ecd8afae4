package dev.placenotify.testsupport.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.placenotify.model.MessageCodec;
import java.io.IOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Telegram Bot API {@code sendMessage}: {@code POST /bot{token}/sendMessage} with a JSON or
 * form-encoded body (query parameters work too, as with Telegram). Enforces the token, the
 * 4096-character limit and the HTML parse mode's rules, and records accepted messages. A group can be
 * {@linkplain #upgradeToSupergroup upgraded to a supergroup}: from then on a message to the old chat id is
 * refused the way Telegram refuses it, with {@code parameters.migrate_to_chat_id} naming the new one.
 */
public final class TelegramSimulator extends HttpSimulator {
    public static final int MAX_TEXT_LENGTH = 4096;
    private static final Pattern METHOD_PATH = Pattern.compile("^/bot([^/]+)/([A-Za-z]+)$");

    private final ObjectMapper mapper = MessageCodec.mapper();
    private final Recorder<TelegramMessage> messages = new Recorder<>();
    private final AtomicLong nextMessageId = new AtomicLong(1);
    private final Map<String, Long> migratedChats = new ConcurrentHashMap<>();
    private volatile String botToken;

    public TelegramSimulator(String botToken) {
        this(Clock.systemUTC(), botToken);
    }

    public TelegramSimulator(Clock clock, String botToken) {
        super("telegram", clock);
        this.botToken = Objects.requireNonNull(botToken, "botToken");
    }

    /** Only the new token is accepted from now on (the old one gets 401, as after a revoke in BotFather). */
    public void setBotToken(String botToken) {
        this.botToken = Objects.requireNonNull(botToken, "botToken");
    }

    /** {@code baseUrl()/bot{token}/sendMessage}. */
    public String sendMessageUrl() {
        return baseUrl() + "/bot" + botToken + "/sendMessage";
    }

    public List<TelegramMessage> messages() {
        return messages.snapshot();
    }

    /**
     * The group {@code chatId} became the supergroup {@code supergroupChatId} (Telegram does this when a
     * group gains an admin feature): messages to the old id get 400 with {@code migrate_to_chat_id}.
     */
    public void upgradeToSupergroup(String chatId, long supergroupChatId) {
        migratedChats.put(chatId, supergroupChatId);
    }

    /** The 400 Telegram answers for a message to a group that became a supergroup. */
    public static SimResponse migratedError(long supergroupChatId) {
        ObjectNode body = MessageCodec.mapper().createObjectNode()
                .put("ok", false)
                .put("error_code", 400)
                .put("description", "Bad Request: group chat was upgraded to a supergroup chat");
        body.putObject("parameters").put("migrate_to_chat_id", supergroupChatId);
        return SimResponse.json(400, body);
    }

    /** A 429 the way Telegram sends it, with {@code parameters.retry_after}. */
    public static Fault tooManyRequests(int retryAfterSeconds) {
        ObjectNode body = MessageCodec.mapper().createObjectNode()
                .put("ok", false)
                .put("error_code", 429)
                .put("description", "Too Many Requests: retry after " + retryAfterSeconds);
        body.putObject("parameters").put("retry_after", retryAfterSeconds);
        return Fault.respond(SimResponse.json(429, body));
    }

    /** Any other Telegram error, e.g. {@code error(403, "Forbidden: bot was blocked by the user")}. */
    public static Fault errorFault(int status, String description) {
        return Fault.respond(error(status, description));
    }

    @Override
    protected SimResponse handle(SimRequest request) {
        Matcher path = METHOD_PATH.matcher(request.path());
        if (!path.matches()) {
            return error(404, "Not Found");
        }
        if (!path.group(1).equals(botToken)) {
            return error(401, "Unauthorized");
        }
        if (!path.group(2).equals("sendMessage")) {
            return error(404, "Not Found");
        }
        Map<String, String> params = parameters(request);
        String chatId = params.get("chat_id");
        if (chatId == null || chatId.isBlank()) {
            return error(400, "Bad Request: chat_id is empty");
        }
        Long migratedTo = migratedChats.get(chatId);
        if (migratedTo != null) {
            return migratedError(migratedTo);
        }
        String text = params.get("text");
        String parseMode = blankToNull(params.get("parse_mode"));
        String visible = visibleText(text == null ? "" : text, parseMode);
        if (visible.isBlank()) {
            return error(400, "Bad Request: message text is empty");
        }
        if (visible.length() > MAX_TEXT_LENGTH) {
            return error(400, "Bad Request: message is too long");
        }
        long messageId = nextMessageId.getAndIncrement();
        messages.add(new TelegramMessage(messageId, chatId, text, parseMode, request.receivedAt()));
        return SimResponse.json(200, success(messageId, chatId, visible));
    }

    @Override
    protected void clearRecordings() {
        messages.clear();
    }

    private static String visibleText(String text, String parseMode) {
        if (parseMode == null || parseMode.equals("Markdown") || parseMode.equals("MarkdownV2")) {
            return text;
        }
        if (!parseMode.toUpperCase(Locale.ROOT).equals("HTML")) {
            throw reject(error(400, "Bad Request: unsupported parse_mode"));
        }
        try {
            return TelegramHtml.visibleText(text);
        } catch (TelegramHtml.ParseError e) {
            throw reject(error(400, "Bad Request: can't parse entities: " + e.getMessage()));
        }
    }

    private Map<String, String> parameters(SimRequest request) {
        Map<String, String> params = new HashMap<>();
        request.queryParams().forEach((name, values) -> params.put(name, values.get(0)));
        if (request.hasContentType("application/x-www-form-urlencoded")) {
            request.formParams().forEach((name, values) -> params.put(name, values.get(0)));
        } else if (request.body().length > 0) {
            JsonNode body = readJson(request);
            body.properties().forEach(field -> {
                if (!field.getValue().isNull()) {
                    params.put(field.getKey(), field.getValue().asText());
                }
            });
        }
        return params;
    }

    private JsonNode readJson(SimRequest request) {
        try {
            JsonNode body = mapper.readTree(request.body());
            if (body != null && body.isObject()) {
                return body;
            }
        } catch (IOException malformed) {
            // answered below
        }
        throw reject(error(400, "Bad Request: can't parse JSON object"));
    }

    private ObjectNode success(long messageId, String chatId, String visible) {
        ObjectNode body = mapper.createObjectNode().put("ok", true);
        ObjectNode result = body.putObject("result");
        result.put("message_id", messageId);
        result.putObject("from").put("id", 1).put("is_bot", true).put("first_name", "place-notify-sim");
        ObjectNode chat = result.putObject("chat");
        try {
            long id = Long.parseLong(chatId);
            chat.put("id", id).put("type", chatId.startsWith("-100") ? "supergroup" : id < 0 ? "group" : "private");
        } catch (NumberFormatException channelUsername) {
            chat.put("id", chatId).put("type", "channel");
        }
        result.put("date", clock.instant().getEpochSecond());
        result.put("text", visible);
        return body;
    }

    private static SimResponse error(int status, String description) {
        ObjectNode body = MessageCodec.mapper().createObjectNode()
                .put("ok", false)
                .put("error_code", status)
                .put("description", description);
        return SimResponse.json(status, body);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
