package dev.placenotify.renewal;

import dev.placenotify.model.env.CommonEnv;
import dev.placenotify.model.env.RenewalEnv;
import dev.placenotify.session.RenewalPolicy;
import dev.placenotify.shell.AwsSettings;
import dev.placenotify.shell.EnvConfig;
import dev.placenotify.model.Topology;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** Everything the session-renewal function reads from its environment, once, at cold start (docs/fetcher.md). */
public record RenewalConfig(String environmentName, AwsSettings sqs, AwsSettings dynamo, AwsSettings secrets,
                            String renewalDlqUrl, String resultQueueUrl, String sessionsTable, String loginSecretId,
                            BrowserSettings browser, RenewalPolicy policy, int maxReceives) {

    /** The login form the legacy opened (legacy-v2.md, "Session"). */
    public static final URI DEFAULT_LOGIN_URL = URI.create("https://nid.naver.com/nidlogin.login?mode=form&url=https://www.naver.com/");
    /** The account page the legacy and the fetcher check a login with. */
    public static final URI DEFAULT_ACCOUNT_PAGE_URL = URI.create("https://nid.naver.com/user2/help/myInfoV2?lang=ko_KR");
    /** A desktop Chrome: headless Chromium's own user agent says "HeadlessChrome", which Naver may treat as a robot. */
    public static final String DEFAULT_USER_AGENT = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
            + "(KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

    public RenewalConfig {
        if (policy.lease().toSeconds() <= Topology.RENEWAL.consumerTimeoutSeconds()) {
            throw new IllegalStateException("RENEWAL_LEASE_SECONDS must exceed the function's timeout ("
                    + Topology.RENEWAL.consumerTimeoutSeconds() + " s), or a slow login's claim could be taken over"
                    + " while it still runs; was " + policy.lease().toSeconds());
        }
    }

    /** Splits {@code --a --b=x y} before each {@code --}, so a switch's value may hold spaces. */
    static List<String> switches(String value) {
        return Arrays.stream(value.strip().split("\\s+(?=--)")).map(String::strip).filter(a -> !a.isBlank()).toList();
    }

    public static RenewalConfig from(EnvConfig env) {
        BrowserSettings browser = new BrowserSettings(
                Path.of(env.string(RenewalEnv.CHROMIUM_PATH, "/usr/bin/chromium")),
                Path.of(env.string(RenewalEnv.CHROMEDRIVER_PATH, "/usr/bin/chromedriver")),
                env.uri(RenewalEnv.NAVER_LOGIN_URL).orElse(DEFAULT_LOGIN_URL),
                env.uri(RenewalEnv.NAVER_SESSION_CHECK_URL).orElse(DEFAULT_ACCOUNT_PAGE_URL),
                env.seconds(RenewalEnv.LOGIN_PAGE_TIMEOUT_SECONDS, Duration.ofSeconds(20)),
                env.string(RenewalEnv.NAVER_USER_AGENT, DEFAULT_USER_AGENT),
                env.optional(RenewalEnv.CHROMIUM_EXTRA_ARGS).map(RenewalConfig::switches)
                        .orElse(List.of()));
        RenewalPolicy policy;
        try {
            policy = new RenewalPolicy(env.integer(RenewalEnv.LOGIN_MAX_ATTEMPTS_PER_HOUR, 3),
                    env.seconds(RenewalEnv.LOGIN_BACKOFF_SECONDS, Duration.ofSeconds(60)),
                    env.seconds(RenewalEnv.LOGIN_BACKOFF_MAX_SECONDS, Duration.ofMinutes(30)),
                    env.seconds(RenewalEnv.RENEWAL_LEASE_SECONDS, Duration.ofSeconds(Topology.RENEWAL.consumerTimeoutSeconds() + 30)));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("configuration LOGIN_MAX_ATTEMPTS_PER_HOUR / LOGIN_BACKOFF_SECONDS /"
                    + " LOGIN_BACKOFF_MAX_SECONDS / RENEWAL_LEASE_SECONDS: " + e.getMessage(), e);
        }
        return new RenewalConfig(
                env.string(CommonEnv.ENVIRONMENT_NAME, "dev"),
                AwsSettings.forService(env, CommonEnv.SQS_ENDPOINT_URL),
                AwsSettings.forService(env, CommonEnv.DYNAMODB_ENDPOINT_URL),
                AwsSettings.forService(env, CommonEnv.SECRETSMANAGER_ENDPOINT_URL),
                env.required(RenewalEnv.RENEWAL_DLQ_URL),
                env.required(RenewalEnv.RESULT_QUEUE_URL),
                env.required(RenewalEnv.SESSIONS_TABLE),
                env.required(RenewalEnv.NAVER_LOGIN_SECRET_ID),
                browser, policy,
                env.integer(RenewalEnv.RENEWAL_MAX_RECEIVES, Topology.RENEWAL.maxReceives()));
    }
}
