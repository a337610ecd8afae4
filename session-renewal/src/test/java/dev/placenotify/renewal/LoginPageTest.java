package dev.placenotify.renewal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.placenotify.shell.EnvConfig;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Which page shapes {@link LoginPage}'s selectors were written for: the fixtures in {@code pages/} are Naver's
 * login form, the same form after a rejected password and with a captcha, the new-device check, and a redesigned
 * form. Each is opened in a real headless Chromium and read the way the renewal reads a page. When Naver changes
 * its page, update the fixture and the selectors together; this test then says whether they still agree.
 */
class LoginPageTest {
    private static WebDriver driver;
    private static ChromeDriverService service;
    private static Path profile;

    @BeforeAll
    static void startBrowser() throws Exception {
        // Fails (never skips) with what to install when the browser is missing.
        BrowserSettings browser = RenewalConfig.from(new EnvConfig(Map.of("RENEWAL_DLQ_URL", "x", "RESULT_QUEUE_URL", "x",
                "SESSIONS_TABLE", "t", "NAVER_LOGIN_SECRET_ID", "s"))).browser().requireInstalled();
        profile = Files.createTempDirectory("login-page-test-");
        service = new ChromeDriverService.Builder().usingDriverExecutable(browser.chromedriver().toFile())
                .usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser.chromium().toFile());
        options.addArguments(browser.arguments(profile));
        // Only local files are opened here; nothing may resolve anywhere else.
        options.addArguments("--host-resolver-rules=MAP * ~NOTFOUND");
        driver = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
        if (service != null) {
            service.stop();
        }
    }

    private static PageFacts open(String fixture) throws URISyntaxException {
        driver.get(LoginPageTest.class.getResource("/pages/" + fixture).toURI().toString());
        return BrowserLogin.facts(driver);
    }

    @Test
    void naversLoginFormShowsTheIdAndPasswordFieldsAndTheLoginButton() throws Exception {
        PageFacts page = open("naver-login-form.html");

        assertThat(page.displayed()).containsAll(LoginPage.FORM).contains(LoginPage.Element.LOGIN_FORM)
                .doesNotContain(LoginPage.Element.ERROR_MESSAGE, LoginPage.Element.CAPTCHA); // #err_common is hidden
        assertThat(page.title()).isEqualTo("네이버 : 로그인");
        assertThat(LoginPage.beforeSubmit(page)).isInstanceOf(LoginPage.Verdict.FormReady.class);
        assertThat(LoginPage.accountPageOpen(page)).as("the login form is not the account page").isFalse();
    }

    @Test
    void aRejectedPasswordShowsTheErrorMessage() throws Exception {
        PageFacts page = open("naver-login-wrong-password.html");

        assertThat(page.displayed()).contains(LoginPage.Element.ERROR_MESSAGE);
        assertThat(LoginPage.afterSubmit(page)).isEqualTo(new LoginPage.Verdict.NeedsHuman(LoginProblem.WRONG_PASSWORD,
                "Naver rejected the id or password"));
    }

    @Test
    void theCaptchaIsRecognisedBeforeAndAfterSubmitting() throws Exception {
        PageFacts page = open("naver-login-captcha.html");

        assertThat(page.displayed()).contains(LoginPage.Element.CAPTCHA);
        assertThat(LoginPage.afterSubmit(page)).isInstanceOfSatisfying(LoginPage.Verdict.NeedsHuman.class,
                h -> assertThat(h.kind()).isEqualTo(LoginProblem.CAPTCHA));
        assertThat(LoginPage.beforeSubmit(page)).as("the form is there, but so is the captcha: it is typed into anyway")
                .isInstanceOf(LoginPage.Verdict.FormReady.class);
    }

    @Test
    void theNewDeviceCheckIsASecondFactor() throws Exception {
        PageFacts page = open("naver-device-confirm.html");

        assertThat(LoginPage.afterSubmit(page)).isInstanceOfSatisfying(LoginPage.Verdict.NeedsHuman.class,
                h -> assertThat(h.kind()).isEqualTo(LoginProblem.SECOND_FACTOR));
        assertThat(LoginPage.beforeSubmit(page)).isInstanceOfSatisfying(LoginPage.Verdict.NeedsHuman.class,
                h -> assertThat(h.kind()).isEqualTo(LoginProblem.SECOND_FACTOR));
    }

    @Test
    void aRedesignedFormIsAChangedPageNamingWhatIsMissing() throws Exception {
        PageFacts page = open("naver-login-redesigned.html");

        assertThat(page.displayed()).isEmpty();
        assertThat(LoginPage.beforeSubmit(page)).isInstanceOfSatisfying(LoginPage.Verdict.NeedsHuman.class, h -> {
            assertThat(h.kind()).isEqualTo(LoginProblem.PAGE_CHANGED);
            assertThat(h.detail()).contains("id_field", "password_field", "login_button", "log.login")
                    .contains("naver-login-redesigned.html");
        });
    }
}
