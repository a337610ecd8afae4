package dev.placenotify.notifier;

import dev.placenotify.model.env.CommonEnv;
import dev.placenotify.model.env.NotifierEnv;
import dev.placenotify.shell.AwsSettings;
import dev.placenotify.shell.EnvConfig;
import dev.placenotify.shell.config.AppConfigSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Everything the notifier reads from its environment, once, at cold start. */
public record NotifierConfig(String environmentName, String serviceName, AwsSettings sqs, AwsSettings dynamo, AwsSettings secrets,
                             String resultDlqUrl, String runsTable, URI telegramBaseUrl, String telegramSecretId,
                             String slackSecretId, Duration runDeadline, Duration announceGrace, Duration staleClaim,
                             Map<String, String> dlqUrlsByStage, Optional<Path> storesFile, Duration alertInterval,
                             Duration postTimeout, int postAttempts, Duration maxRetryAfter, Duration postBudget, Duration recordReserve,
                             SensPrices prices, Duration runTtl, Duration secretMaxAge, AppConfigSettings appConfig) {

    /** Posting limits that could never let a post start fail the cold start, not every summary after it. */
    public NotifierConfig {
        if (postTimeout.isZero() || postTimeout.isNegative()) {
            throw new IllegalArgumentException("POST_TIMEOUT_SECONDS must be positive, was " + postTimeout.toSeconds());
        }
        if (postBudget.compareTo(postTimeout) < 0) {
            throw new IllegalArgumentException("POST_BUDGET_SECONDS (" + postBudget.toSeconds()
                    + ") must be at least POST_TIMEOUT_SECONDS (" + postTimeout.toSeconds() + "): no post could ever start");
        }
        if (recordReserve.isNegative()) {
            throw new IllegalArgumentException("RECORD_RESERVE_SECONDS must not be negative");
        }
    }

    /** Per-message SENS prices in KRW for the cost estimate (operator-configurable). */
    public record SensPrices(double sms, double lms) {}

    public static NotifierConfig from(EnvConfig env) {
        Map<String, String> dlqs = new LinkedHashMap<>();
        env.optional(NotifierEnv.FETCH_DLQ_URL).ifPresent(u -> dlqs.put("fetcher", u));
        env.optional(NotifierEnv.SNAPSHOT_DLQ_URL).ifPresent(u -> dlqs.put("planner", u));
        env.optional(NotifierEnv.SMS_DLQ_URL).ifPresent(u -> dlqs.put("sender", u));
        env.optional(NotifierEnv.RENEWAL_DLQ_URL).ifPresent(u -> dlqs.put("session-renewal", u));
        env.optional(NotifierEnv.DELIVERY_DLQ_URL).ifPresent(u -> dlqs.put("delivery-check", u));
        dlqs.put("notifier", env.required(NotifierEnv.RESULT_DLQ_URL));
        return new NotifierConfig(
                env.string(CommonEnv.ENVIRONMENT_NAME, "dev"),
                env.string(CommonEnv.POWERTOOLS_SERVICE_NAME, "notifier"),
                AwsSettings.forService(env, CommonEnv.SQS_ENDPOINT_URL),
                AwsSettings.forService(env, CommonEnv.DYNAMODB_ENDPOINT_URL),
                AwsSettings.forService(env, CommonEnv.SECRETSMANAGER_ENDPOINT_URL),
                env.required(NotifierEnv.RESULT_DLQ_URL),
                env.required(NotifierEnv.RUNS_TABLE),
                env.uri(NotifierEnv.TELEGRAM_BASE_URL).orElse(URI.create("https://api.telegram.org")),
                env.required(NotifierEnv.TELEGRAM_SECRET_ID),
                env.required(NotifierEnv.SLACK_SECRET_ID),
                env.seconds(NotifierEnv.RUN_DEADLINE_SECONDS, Duration.ofMinutes(10)),
                env.seconds(NotifierEnv.RUN_ANNOUNCE_GRACE_SECONDS, Duration.ofMinutes(2)),
                env.seconds(NotifierEnv.SUMMARY_CLAIM_TIMEOUT_SECONDS, Duration.ofMinutes(3)),
                Map.copyOf(dlqs),
                env.path(CommonEnv.STORES_FILE),
                env.seconds(NotifierEnv.ALERT_INTERVAL_SECONDS, Duration.ofHours(1)),
                env.seconds(NotifierEnv.POST_TIMEOUT_SECONDS, Duration.ofSeconds(10)),
                env.integer(NotifierEnv.POST_ATTEMPTS, 3),
                env.seconds(NotifierEnv.MAX_RETRY_AFTER_SECONDS, Duration.ofSeconds(10)),
                env.seconds(NotifierEnv.POST_BUDGET_SECONDS, Duration.ofSeconds(40)),
                env.seconds(NotifierEnv.RECORD_RESERVE_SECONDS, Duration.ofSeconds(5)),
                new SensPrices(Double.parseDouble(env.string(NotifierEnv.SENS_PRICE_SMS_KRW, "9")),
                        Double.parseDouble(env.string(NotifierEnv.SENS_PRICE_LMS_KRW, "30"))),
                Duration.ofDays(env.integer(NotifierEnv.RUN_TTL_DAYS, 30)),
                env.seconds(NotifierEnv.SECRET_MAX_AGE_SECONDS, Duration.ofMinutes(5)),
                // Branch names in summaries, live from AppConfig's stores profile when an application is named.
                AppConfigSettings.from(env));
    }
}
