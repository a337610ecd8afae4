package dev.placenotify.notifier;

import dev.placenotify.model.MessageCodec;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Slack incoming webhook. 4xx answers (400 {@code invalid_payload}, {@code invalid_blocks},
 * {@code msg_too_long}; 403; 404 {@code no_service}; 410 archived channel) prove nothing was posted and
 * cannot be fixed by retrying; 429 waits for Retry-After and 503 retries; another 5xx may come after Slack
 * posted it, so it is not retried.
 */
public final class SlackClient {
    private final ChannelHttp http;

    SlackClient(ChannelHttp http) {
        this.http = http;
    }

    public PostResult send(URI webhook, Map<String, Object> payload, InvocationDeadline deadline) {
        return http.post("slack", webhook, MessageCodec.encode(payload), SlackClient::judge, deadline);
    }

    boolean canStart(InvocationDeadline deadline) {
        return http.canStart(deadline);
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
            case 400 -> r.body();
            case 403 -> "forbidden: " + r.body();
            case 404 -> "no_service: the webhook no longer exists";
            case 410 -> "gone: the channel is archived (" + r.body() + ")";
            case 429 -> "rate limited";
            default -> r.body();
        };
        ChannelHttp.Answer answer = code == 200 ? ChannelHttp.Answer.OK
                : code == 429 || code == 503 ? ChannelHttp.Answer.RETRY
                : code >= 500 ? ChannelHttp.Answer.UNCERTAIN
                : ChannelHttp.Answer.FINAL;
        return new ChannelHttp.Verdict(answer, retryAfter, description);
    }
}
