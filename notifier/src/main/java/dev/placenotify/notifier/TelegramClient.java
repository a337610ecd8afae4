package dev.placenotify.notifier;

import com.fasterxml.jackson.databind.JsonNode;
import dev.placenotify.model.MessageCodec;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Telegram Bot API {@code sendMessage} in HTML parse mode. */
public final class TelegramClient {
    private final ChannelHttp http;
    private final URI baseUrl;

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

    public PostResult send(Target target, String html) {
        String json = MessageCodec.encode(Map.of("chat_id", target.chatId(), "text", html, "parse_mode", "HTML",
                "disable_web_page_preview", true));
        URI uri = baseUrl.resolve("/bot" + target.botToken() + "/sendMessage");
        return http.post("telegram", uri, json, TelegramClient::judge);
    }

    private static ChannelHttp.Verdict judge(HttpResponse<String> r) {
        JsonNode body = parse(r.body());
        boolean ok = r.statusCode() == 200 && body != null && body.path("ok").asBoolean(false);
        String description = body == null ? "(no JSON body)" : body.path("description").asText("(no description)");
        Optional<Duration> retryAfter = Optional.empty();
        if (body != null && body.path("parameters").has("retry_after")) {
            retryAfter = Optional.of(Duration.ofSeconds(body.path("parameters").path("retry_after").asLong()));
        }
        boolean retryable = r.statusCode() == 429 || r.statusCode() >= 500;
        return new ChannelHttp.Verdict(ok, retryable, retryAfter, description);
    }

    private static JsonNode parse(String s) {
        try {
            return MessageCodec.mapper().readTree(s);
        } catch (Exception e) {
            return null;
        }
    }
}
