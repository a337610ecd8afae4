package dev.placenotify.renewal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.placenotify.shell.EnvConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RenewalConfigTest {
    private static Map<String, String> required() {
        Map<String, String> env = new HashMap<>();
        env.put("RENEWAL_DLQ_URL", "http://127.0.0.1:1/q/renewal-dlq");
        env.put("RESULT_QUEUE_URL", "http://127.0.0.1:1/q/result");
        env.put("SESSIONS_TABLE", "place-notify-dev-sessions");
        env.put("NAVER_LOGIN_SECRET_ID", "place-notify/dev/naver-login");
        return env;
    }

    @Test
    void defaultsAreTheLegacysLoginPageDebiansBrowserAndAPoliteBudget() {
        RenewalConfig c = RenewalConfig.from(new EnvConfig(required()));

        assertThat(c.browser().loginUrl()).isEqualTo(URI.create("https://nid.naver.com/nidlogin.login?mode=form&url=https://www.naver.com/"));
        assertThat(c.browser().accountPageUrl()).isEqualTo(URI.create("https://nid.naver.com/user2/help/myInfoV2?lang=ko_KR"));
        assertThat(c.browser().chromium()).isEqualTo(Path.of("/usr/bin/chromium"));
        assertThat(c.browser().chromedriver()).isEqualTo(Path.of("/usr/bin/chromedriver"));
        assertThat(c.browser().userAgent()).doesNotContain("Headless").contains("Chrome/");
        assertThat(c.policy().maxAttemptsPerHour()).isEqualTo(3);
        assertThat(c.policy().backoffBase()).isEqualTo(Duration.ofMinutes(1));
        assertThat(c.policy().lease()).isEqualTo(Duration.ofSeconds(150));
        assertThat(c.maxReceives()).isEqualTo(3);
    }

    @Test
    void theBrowserArgumentsAreHeadlessAndQuietAndTakeExtras() {
        Map<String, String> env = required();
        env.put("CHROMIUM_EXTRA_ARGS", " --single-process  --no-zygote --host-resolver-rules=MAP * ~NOTFOUND ");
        var args = RenewalConfig.from(new EnvConfig(env)).browser().arguments(Path.of("/tmp/p"));

        assertThat(args).contains("--headless=new", "--no-sandbox", "--disable-background-networking",
                "--user-data-dir=/tmp/p", "--single-process", "--no-zygote", "--host-resolver-rules=MAP * ~NOTFOUND");
    }

    @Test
    void aMissingBrowserFailsNamingWhatToInstall() {
        Map<String, String> env = required();
        env.put("CHROMIUM_PATH", "/nonexistent/chromium");
        env.put("CHROMEDRIVER_PATH", "/nonexistent/chromedriver");
        BrowserSettings browser = RenewalConfig.from(new EnvConfig(env)).browser();

        assertThatThrownBy(browser::requireInstalled).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("/nonexistent/chromium").hasMessageContaining("/nonexistent/chromedriver")
                .hasMessageContaining("chromium-driver");
    }

    @Test
    void aLeaseShorterThanTheFunctionTimeoutIsRefused() {
        Map<String, String> env = required();
        env.put("RENEWAL_LEASE_SECONDS", "60");
        assertThatThrownBy(() -> RenewalConfig.from(new EnvConfig(env))).hasMessageContaining("RENEWAL_LEASE_SECONDS");
    }

    @Test
    void requiredVariablesNameThemselves() {
        Map<String, String> env = required();
        env.remove("NAVER_LOGIN_SECRET_ID");
        assertThatThrownBy(() -> RenewalConfig.from(new EnvConfig(env))).hasMessageContaining("NAVER_LOGIN_SECRET_ID");
    }
}
