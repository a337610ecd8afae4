package dev.placenotify.fetcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.placenotify.shell.EnvConfig;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FetcherConfigTest {
    private static Map<String, String> required() {
        Map<String, String> env = new HashMap<>();
        env.put("FETCH_QUEUE_URL", "http://q/fetch");
        env.put("FETCH_DLQ_URL", "http://q/fetch-dlq");
        env.put("SNAPSHOT_QUEUE_URL", "http://q/snapshot");
        env.put("RESULT_QUEUE_URL", "http://q/result");
        env.put("SESSIONS_TABLE", "sessions");
        return env;
    }

    @Test
    void defaultsAreThePoliteProductionOnes() {
        FetcherConfig c = FetcherConfig.from(new EnvConfig(required()));

        assertThat(c.naverBaseUrl()).isEqualTo(URI.create("https://partner.booking.naver.com"));
        assertThat(c.horizonDays()).isEqualTo(14);
        assertThat(c.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.maxAttempts()).isEqualTo(3);
        assertThat(c.requestsPerSecondPerStore()).isEqualTo(5.0);
        assertThat(c.snapshotMaxBytes()).isEqualTo(200 * 1024);
        assertThat(c.parallelQueries()).isEqualTo(4);
        assertThat(c.automatedRenewal()).isFalse();
        assertThat(c.metricsSink()).isEqualTo(FetcherConfig.MetricsSink.LOG);
        assertThat(c.sessionCheckUrl()).isEqualTo(URI.create("https://nid.naver.com/user2/help/myInfoV2?lang=ko_KR"));
        assertThat(c.userAgent()).startsWith("Mozilla/5.0 (Windows NT 10.0; Win64; x64)").contains("Chrome/")
                .doesNotContain("Mobile").doesNotContain("Headless");
    }

    @Test
    void theSessionCheckPageAndTheBrowserCanBeConfigured() {
        Map<String, String> env = required();
        env.put("NAVER_SESSION_CHECK_URL", "http://127.0.0.1:9999/user2/help/myInfoV2?lang=ko_KR");
        env.put("NAVER_USER_AGENT", "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/537.36 Chrome/140.0.0.0 Safari/537.36");

        FetcherConfig c = FetcherConfig.from(new EnvConfig(env));

        assertThat(c.sessionCheckUrl()).isEqualTo(URI.create("http://127.0.0.1:9999/user2/help/myInfoV2?lang=ko_KR"));
        assertThat(c.userAgent()).contains("Chrome/140");
    }

    @Test
    void inLambdaMetricsGoToEmfUnlessToldOtherwise() {
        Map<String, String> env = required();
        env.put("AWS_LAMBDA_FUNCTION_NAME", "place-notify-dev-fetch");
        assertThat(FetcherConfig.from(new EnvConfig(env)).metricsSink()).isEqualTo(FetcherConfig.MetricsSink.EMF);

        env.put("FETCH_METRICS", "log");
        assertThat(FetcherConfig.from(new EnvConfig(env)).metricsSink()).isEqualTo(FetcherConfig.MetricsSink.LOG);
    }

    @Test
    void onlyTheRenewalQueueTurnsOnAutomatedRenewal() {
        // The fetcher never logs in itself any more: a login secret or URL in its environment changes nothing.
        Map<String, String> env = required();
        env.put("NAVER_LOGIN_SECRET_ID", "arn:aws:secretsmanager:ap-northeast-2:1:secret:naver-login");
        env.put("NAVER_LOGIN_URL", "https://login-proxy.example/login");
        assertThat(FetcherConfig.from(new EnvConfig(env)).automatedRenewal()).isFalse();

        env.put("RENEWAL_QUEUE_URL", "https://sqs.ap-northeast-2.amazonaws.com/1/place-notify-dev-renewal");
        FetcherConfig c = FetcherConfig.from(new EnvConfig(env));
        assertThat(c.automatedRenewal()).isTrue();
        assertThat(c.renewalQueueUrl()).contains("https://sqs.ap-northeast-2.amazonaws.com/1/place-notify-dev-renewal");
    }

    @Test
    void malformedValuesNameTheirVariable() {
        Map<String, String> env = required();
        env.put("FETCH_METRICS", "prometheus");
        assertThatThrownBy(() -> FetcherConfig.from(new EnvConfig(env))).hasMessageContaining("FETCH_METRICS");

        Map<String, String> env2 = required();
        env2.put("NAVER_REQUESTS_PER_SECOND", "fast");
        assertThatThrownBy(() -> FetcherConfig.from(new EnvConfig(env2))).hasMessageContaining("NAVER_REQUESTS_PER_SECOND");

        Map<String, String> env3 = required();
        env3.put("SNAPSHOT_MAX_BYTES", "300000");
        assertThatThrownBy(() -> FetcherConfig.from(new EnvConfig(env3))).hasMessageContaining("SNAPSHOT_MAX_BYTES");
    }
}
