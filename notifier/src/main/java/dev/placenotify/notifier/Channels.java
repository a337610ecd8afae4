package dev.placenotify.notifier;

import dev.placenotify.shell.SecretSource;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts to Telegram and Slack independently: one channel's failure (or a missing secret) never keeps
 * the other from posting.
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
    }

    public Delivery post(List<String> telegramParts, Map<String, Object> slackPayload) {
        PostResult t = postTelegram(telegramParts);
        PostResult s = postSlack(slackPayload);
        return new Delivery(t, s);
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
            return last;
        } catch (RuntimeException e) {
            LOG.error("telegram not posted: {}", e.getMessage());
            return new PostResult.Failed(e.getMessage(), true);
        }
    }

    private PostResult postSlack(Map<String, Object> payload) {
        try {
            Map<String, String> secret = secrets.json(slackSecretId);
            return slack.send(URI.create(SecretSource.field(secret, slackSecretId, "webhookUrl")), payload);
        } catch (RuntimeException e) {
            LOG.error("slack not posted: {}", e.getMessage());
            return new PostResult.Failed(e.getMessage(), true);
        }
    }
}
