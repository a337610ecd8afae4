package dev.placenotify.notifier;

import dev.placenotify.model.MessageCodec;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Slack incoming webhook. 400 invalid_payload, 403, 404 no_service and 410 (archived channel) cannot be
 * fixed by retrying; 429 waits for Retry-After; 5xx retries.
 */
public final class SlackClient {
    private final ChannelHttp http;

    SlackClient(ChannelHttp http) {
        this.http = http;
    }

    public PostResult send(URI webhook, Map<String, Object> payload) {
        return http.post("slack", webhook, MessageCodec.encode(payload), SlackClient::judge);
    }

    private static ChannelHttp.Verdict judge(HttpResponse<String> r) {
        int code = r.statusCode();
        Optional<Duration> retryAfter = r.headers().firstValue("Retry-After").map(v -> {
            try {
                return Duration.ofSeconds(Long.parseLong(v.trim()));
            } catch (NumberFormatException e) {
                return Duration.ofSeconds(1);
            }
        });
        String description = switch (code) {
            case 400 -> "invalid_payload (" + r.body() + ")";
            case 403 -> "forbidden: " + r.body();
            case 404 -> "no_service: the webhook no longer exists";
            case 410 -> "gone: the channel is archived (" + r.body() + ")";
            case 429 -> "rate limited";
            default -> r.body();
        };
        return new ChannelHttp.Verdict(code == 200, code == 429 || code >= 500, retryAfter, description);
    }
}
