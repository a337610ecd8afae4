package dev.placenotify.notifier;

import dev.placenotify.shell.SecretSource;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Posts to Telegram and Slack independently and at the same time: one channel's failure, missing
 * secret or slow retries never keep the other from posting, nor delay it.
 */
public final class Channels {
    private static final Logger LOG = LoggerFactory.getLogger(Channels.class);

    private final TelegramClient telegram;
    private final SlackClient slack;
    private final SecretSource secrets;
    private final String telegramSecretId;
    private final String slackSecretId;

    public Channels(TelegramClient telegram, SlackClient slack, SecretSource secrets, String telegramSecretId,
                    String slackSecretId) {
        this.telegram = telegram;
        this.slack = slack;
        this.secrets = secrets;
        this.telegramSecretId = telegramSecretId;
        this.slackSecretId = slackSecretId;
    }

    /** The result of one post on both channels. */
    public record Delivery(PostResult telegram, PostResult slack) {
        public boolean anyPosted() {
            return telegram instanceof PostResult.Posted || slack instanceof PostResult.Posted;
        }

        public int failedChannels() {
            return (telegram instanceof PostResult.Failed ? 1 : 0) + (slack instanceof PostResult.Failed ? 1 : 0);
        }
    }

    public Delivery post(List<String> telegramParts, Map<String, Object> slackPayload) {
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            CompletableFuture<PostResult> t = CompletableFuture.supplyAsync(withLogContext(() -> postTelegram(telegramParts)), pool);
            CompletableFuture<PostResult> s = CompletableFuture.supplyAsync(withLogContext(() -> postSlack(slackPayload)), pool);
            return new Delivery(t.join(), s.join());
        }
    }

    /** The posting thread logs under the caller's run id. */
    private static <T> Supplier<T> withLogContext(Supplier<T> task) {
        Map<String, String> context = MDC.getCopyOfContextMap();
        return () -> {
            if (context != null) {
                MDC.setContextMap(context);
            }
            try {
                return task.get();
            } finally {
                MDC.clear();
            }
        };
    }

    private PostResult postTelegram(List<String> parts) {
        try {
            Map<String, String> secret = secrets.json(telegramSecretId);
            TelegramClient.Target target = new TelegramClient.Target(
                    SecretSource.field(secret, telegramSecretId, "botToken"), SecretSource.field(secret, telegramSecretId, "chatId"));
            PostResult last = new PostResult.Posted(0);
            for (String part : parts) {
                last = telegram.send(target, part);
                if (last instanceof PostResult.Failed) {
                    break;
                }
            }
            if (last instanceof PostResult.Failed f) {
                LOG.error("telegram not posted: {}", f.reason());
            }
            return last;
        } catch (RuntimeException e) {
            LOG.error("telegram not posted: {}", e.getMessage());
            return new PostResult.Failed(e.getMessage(), true);
        }
    }

    private PostResult postSlack(Map<String, Object> payload) {
        try {
            Map<String, String> secret = secrets.json(slackSecretId);
            PostResult result = slack.send(URI.create(SecretSource.field(secret, slackSecretId, "webhookUrl")), payload);
            if (result instanceof PostResult.Failed f) {
                LOG.error("slack not posted: {}", f.reason());
            }
            return result;
        } catch (RuntimeException e) {
            LOG.error("slack not posted: {}", e.getMessage());
            return new PostResult.Failed(e.getMessage(), true);
        }
    }
}
