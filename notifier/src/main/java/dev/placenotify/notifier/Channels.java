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
 * secret or slow retries never keeps the other from posting, nor delay it.
 */
public final class Channels {
    private static final Logger LOG = LoggerFactory.getLogger(Channels.class);

    /** The two chat channels. */
    public enum Channel { TELEGRAM, SLACK }

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

        /** Posted, or possibly posted: either way it must not be posted again. */
        public boolean anyMayHaveArrived() {
            return anyPosted() || telegram instanceof PostResult.Uncertain || slack instanceof PostResult.Uncertain;
        }

        public boolean anyNotStarted() {
            return telegram instanceof PostResult.NotStarted || slack instanceof PostResult.NotStarted;
        }

        /** Channels whose post failed or whose fate is unknown. */
        public int failedChannels() {
            return (missed(telegram) ? 1 : 0) + (missed(slack) ? 1 : 0);
        }

        private static boolean missed(PostResult r) {
            return r instanceof PostResult.Failed || r instanceof PostResult.Uncertain;
        }
    }

    /** Both channels at once, each posting on its own virtual thread. */
    public Delivery inParallel(Supplier<PostResult> onTelegram, Supplier<PostResult> onSlack) {
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            CompletableFuture<PostResult> t = CompletableFuture.supplyAsync(withLogContext(onTelegram), pool);
            CompletableFuture<PostResult> s = CompletableFuture.supplyAsync(withLogContext(onSlack), pool);
            return new Delivery(t.join(), s.join());
        }
    }

    /** The same message on both channels (alerts). */
    public Delivery post(List<String> telegramParts, Map<String, Object> slackPayload, InvocationDeadline deadline) {
        return inParallel(() -> postTelegram(telegramParts, deadline), () -> postSlack(slackPayload, deadline));
    }

    /** Whether a post on {@code channel} could start now, before anything is marked or sent. */
    public boolean canStart(Channel channel, InvocationDeadline deadline) {
        return channel == Channel.TELEGRAM ? telegram.canStart(deadline) : slack.canStart(deadline);
    }

    /** Chat migrations Telegram announced since the last call. */
    public List<TelegramClient.ChatMigration> takeChatMigrations() {
        return telegram.takeMigrations();
    }

    public String telegramSecretId() {
        return telegramSecretId;
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

    /**
     * The parts in order. A part that cannot start once an earlier one went out ends the post as failed,
     * never as "not started": a later invocation would otherwise post the first parts again.
     */
    public PostResult postTelegram(List<String> parts, InvocationDeadline deadline) {
        try {
            Map<String, String> secret = secrets.json(telegramSecretId);
            TelegramClient.Target target = new TelegramClient.Target(
                    SecretSource.field(secret, telegramSecretId, "botToken"), SecretSource.field(secret, telegramSecretId, "chatId"));
            PostResult last = new PostResult.Posted(0);
            int attempts = 0;
            for (int i = 0; i < parts.size(); i++) {
                last = telegram.send(target, parts.get(i), deadline);
                if (last instanceof PostResult.Posted p) {
                    attempts += p.attempts();
                    continue;
                }
                if (i > 0) {
                    String sent = "parts 1-" + i + " of " + parts.size() + " posted; part " + (i + 1) + ": ";
                    last = switch (last) {
                        case PostResult.NotStarted n -> new PostResult.Failed(sent + n.reason());
                        case PostResult.Failed f -> new PostResult.Failed(sent + f.reason());
                        case PostResult.Uncertain u -> new PostResult.Uncertain(sent + u.reason());
                        case PostResult.Posted p -> p;
                    };
                }
                break;
            }
            if (last instanceof PostResult.Posted) {
                return new PostResult.Posted(attempts);
            }
            LOG.error("telegram not posted: {}", PostResult.describe(last));
            return last;
        } catch (RuntimeException e) {
            LOG.error("telegram not posted: {}", e.getMessage());
            return new PostResult.Failed("telegram: " + e.getMessage());
        }
    }

    public PostResult postSlack(Map<String, Object> payload, InvocationDeadline deadline) {
        try {
            Map<String, String> secret = secrets.json(slackSecretId);
            PostResult result = slack.send(URI.create(SecretSource.field(secret, slackSecretId, "webhookUrl")), payload, deadline);
            if (!(result instanceof PostResult.Posted)) {
                LOG.error("slack not posted: {}", PostResult.describe(result));
            }
            return result;
        } catch (RuntimeException e) {
            LOG.error("slack not posted: {}", e.getMessage());
            return new PostResult.Failed("slack: " + e.getMessage());
        }
    }
}
