package dev.placenotify.notifier;

import com.fasterxml.jackson.databind.JsonNode;
import dev.placenotify.model.MessageCodec;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Telegram Bot API {@code sendMessage} in HTML parse mode. A group upgraded to a supergroup answers 400
 * with {@code parameters.migrate_to_chat_id}: nothing was posted, so the message goes to the new chat at
 * once, this warm instance keeps using it, and the migration is handed to the stage, which alerts the
 * operator to put the new id into the secret (a cold start reads the old one again).
 */
public final class TelegramClient {
    private static final Logger LOG = LoggerFactory.getLogger(TelegramClient.class);

    private final ChannelHttp http;
    private final URI baseUrl;
    private final Map<String, String> migratedChats = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<ChatMigration> unreported = new ConcurrentLinkedQueue<>();

    TelegramClient(ChannelHttp http, URI baseUrl) {
        this.http = http;
        this.baseUrl = baseUrl;
    }

    /** Credentials from the secret's JSON {@code {"botToken","chatId"}}. */
    public record Target(String botToken, String chatId) {
        @Override
        public String toString() {
            return "Telegram[chat=" + chatId + "]";
        }
    }

    /** Telegram moved the chat: {@code from} is the id in the secret, {@code to} the supergroup's. */
    public record ChatMigration(String from, String to) {}

    public PostResult send(Target target, String html, InvocationDeadline deadline) {
        String chat = migratedChats.getOrDefault(target.chatId(), target.chatId());
        AtomicReference<String> migrateTo = new AtomicReference<>();
        PostResult result = post(target, chat, html, migrateTo, deadline);
        if (result instanceof PostResult.Failed && migrateTo.get() != null) {
            String to = migrateTo.get();
            LOG.warn("telegram chat {} was upgraded to supergroup {}: posting there; the secret's chatId must be updated", chat, to);
            migratedChats.put(target.chatId(), to);
            unreported.add(new ChatMigration(target.chatId(), to));
            return post(target, to, html, new AtomicReference<>(), deadline);
        }
        return result;
    }

    /** Migrations seen since the last call, each reported once. */
    public List<ChatMigration> takeMigrations() {
        List<ChatMigration> out = new ArrayList<>();
        for (ChatMigration m = unreported.poll(); m != null; m = unreported.poll()) {
            out.add(m);
        }
        return out;
    }

    boolean canStart(InvocationDeadline deadline) {
        return http.canStart(deadline);
    }

    private PostResult post(Target target, String chat, String html, AtomicReference<String> migrateTo, InvocationDeadline deadline) {
        String json = MessageCodec.encode(Map.of("chat_id", chat, "text", html, "parse_mode", "HTML",
                "disable_web_page_preview", true));
        URI uri = baseUrl.resolve("/bot" + target.botToken() + "/sendMessage");
        return http.post("telegram", uri, json, r -> judge(r, migrateTo), deadline);
    }

    private static ChannelHttp.Verdict judge(HttpResponse<String> r, AtomicReference<String> migrateTo) {
        JsonNode body = parse(r.body());
        int code = r.statusCode();
        String description = body == null ? "(no JSON body)" : body.path("description").asText("(no description)");
        Optional<Duration> retryAfter = Optional.empty();
        JsonNode parameters = body == null ? null : body.path("parameters");
        if (parameters != null && parameters.has("retry_after")) {
            retryAfter = Optional.of(Duration.ofSeconds(parameters.path("retry_after").asLong()));
        }
        if (parameters != null && parameters.has("migrate_to_chat_id")) {
            migrateTo.set(parameters.path("migrate_to_chat_id").asText());
            description += " (migrated to chat " + migrateTo.get() + ")";
        }
        ChannelHttp.Answer answer;
        if (code == 200) {
            // A 200 means Telegram took it; a body that does not say so leaves it unknown, not refused.
            answer = body != null && body.path("ok").asBoolean(false) ? ChannelHttp.Answer.OK : ChannelHttp.Answer.UNCERTAIN;
        } else if (code == 429 || code == 503) {
            answer = ChannelHttp.Answer.RETRY;
        } else if (code >= 500) {
            answer = ChannelHttp.Answer.UNCERTAIN;
        } else {
            answer = ChannelHttp.Answer.FINAL;
        }
        return new ChannelHttp.Verdict(answer, retryAfter, description);
    }

    private static JsonNode parse(String s) {
        try {
            return MessageCodec.mapper().readTree(s);
        } catch (Exception e) {
            return null;
        }
    }
}
