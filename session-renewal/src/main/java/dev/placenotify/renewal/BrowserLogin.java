package dev.placenotify.renewal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Set;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs in the way the legacy did and a person would: a headless Chromium (Selenium) opens the login form, types
 * the id and password into it and presses the login button; the page's own script prepares the submission (Naver
 * encrypts the credentials in the page), Naver redirects and sets {@code NID_AUT}/{@code NID_SES}. The account
 * page is then opened with them to make sure they work. Each login runs in a fresh browser with a throw-away
 * profile, quit at the end whatever happened.
 *
 * <p>Nothing typed, no cookie value and no page text reaches a log or a result: only addresses without their
 * query, titles and which known elements were seen. Selenium's and chromedriver's own logging is turned down so
 * their command traces (which would hold the typed keys) are never written.
 */
public final class BrowserLogin implements AccountLogin {
    private static final Logger LOG = LoggerFactory.getLogger(BrowserLogin.class);
    private static final Duration POLL = Duration.ofMillis(100);

    // Selenium logs through java.util.logging; at FINE it traces commands with their arguments (the keys typed).
    // Held in fields: java.util.logging keeps loggers weakly, and a collected logger forgets its level.
    private static final java.util.logging.Logger SELENIUM = quiet("org.openqa.selenium", Level.WARNING);
    // No DevTools protocol is used; the warning that none matches the browser's version is noise.
    private static final java.util.logging.Logger DEVTOOLS = quiet("org.openqa.selenium.devtools", Level.SEVERE);

    private static java.util.logging.Logger quiet(String name, Level level) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(level);
        return logger;
    }

    private final BrowserSettings settings;

    public BrowserLogin(BrowserSettings settings) {
        this.settings = settings;
    }

    @Override
    public LoginOutcome logIn(LoginCredentials credentials) {
        settings.requireInstalled();
        Path profile = tempProfile();
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(settings.chromedriver().toFile())
                .usingAnyFreePort()
                .withLogOutput(OutputStream.nullOutputStream())
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(settings.chromium().toFile());
        options.addArguments(settings.arguments(profile));
        WebDriver driver = null;
        long started = System.nanoTime();
        try {
            driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(settings.pageTimeout());
            LoginOutcome outcome = drive(driver, credentials);
            LOG.info("browser login finished in {} ms: {}", Duration.ofNanos(System.nanoTime() - started).toMillis(),
                    outcome instanceof LoginOutcome.LoggedIn ? "logged in" : outcome);
            return outcome;
        } catch (TimeoutException e) {
            return new LoginOutcome.Failed("a Naver page did not load within " + settings.pageTimeout());
        } catch (WebDriverException e) {
            return new LoginOutcome.Failed("the browser failed: " + safe(e));
        } finally {
            if (driver != null) {
                try {
                    driver.quit();
                } catch (WebDriverException e) {
                    LOG.warn("the browser did not quit cleanly: {}", safe(e));
                }
            }
            service.stop();
            delete(profile);
        }
    }

    private LoginOutcome drive(WebDriver driver, LoginCredentials credentials) {
        driver.get(settings.loginUrl().toString());
        PageFacts form = facts(driver);
        LoginPage.Verdict opened = LoginPage.beforeSubmit(form);
        if (!(opened instanceof LoginPage.Verdict.FormReady)) {
            return outcomeOf(opened, form);
        }
        type(driver, LoginPage.Element.ID_FIELD, credentials.username());
        type(driver, LoginPage.Element.PASSWORD_FIELD, credentials.password());
        driver.findElement(LoginPage.Element.LOGIN_BUTTON.by()).click();

        PageFacts after = awaitAnswer(driver);
        LoginPage.Verdict answered = LoginPage.afterSubmit(after);
        if (answered instanceof LoginPage.Verdict.Pending) {
            return new LoginOutcome.NeedsHuman(LoginProblem.PAGE_CHANGED, "the login page stayed at " + after.where()
                    + " without cookies, a message or a redirect for " + settings.pageTimeout());
        }
        if (!(answered instanceof LoginPage.Verdict.LoggedIn)) {
            return outcomeOf(answered, after);
        }
        String nidAut = cookie(driver, "NID_AUT");
        String nidSes = cookie(driver, "NID_SES");

        driver.get(settings.accountPageUrl().toString());
        PageFacts account = facts(driver);
        if (!LoginPage.accountPageOpen(account)) {
            return new LoginOutcome.NeedsHuman(LoginProblem.PAGE_CHANGED, "Naver set the cookies but the account page "
                    + "still asks for a login (" + account.where() + ")");
        }
        return new LoginOutcome.LoggedIn(nidAut, nidSes);
    }

    /** Waits until the page after the submit says something (cookies and a redirect, a message, a check). */
    private PageFacts awaitAnswer(WebDriver driver) {
        PageFacts[] last = {facts(driver)};
        try {
            new WebDriverWait(driver, settings.pageTimeout(), POLL).until(d -> {
                last[0] = facts(d);
                return !(LoginPage.afterSubmit(last[0]) instanceof LoginPage.Verdict.Pending);
            });
        } catch (TimeoutException e) {
            // Judged by the caller from the last page seen.
        }
        return last[0];
    }

    private static void type(WebDriver driver, LoginPage.Element field, String value) {
        WebElement element = driver.findElement(field.by());
        element.clear();
        element.sendKeys(value);
    }

    private static String cookie(WebDriver driver, String name) {
        Cookie c = driver.manage().getCookieNamed(name);
        return c == null ? null : c.getValue();
    }

    /** Reads the page for {@link LoginPage}; never throws for an element that is missing. */
    static PageFacts facts(WebDriver driver) {
        Set<LoginPage.Element> displayed = EnumSet.noneOf(LoginPage.Element.class);
        for (LoginPage.Element e : LoginPage.Element.values()) {
            try {
                if (driver.findElements(e.by()).stream().anyMatch(WebElement::isDisplayed)) {
                    displayed.add(e);
                }
            } catch (WebDriverException stale) {
                // The page changed while being read: the next look sees the new one.
            }
        }
        String text;
        try {
            text = driver.findElement(By.tagName("body")).getText();
        } catch (NoSuchElementException e) {
            text = "";
        }
        boolean cookies = driver.manage().getCookieNamed("NID_AUT") != null && driver.manage().getCookieNamed("NID_SES") != null;
        return new PageFacts(withoutQuery(driver.getCurrentUrl()), driver.getTitle(), displayed, cookies, text);
    }

    private static LoginOutcome outcomeOf(LoginPage.Verdict verdict, PageFacts page) {
        return switch (verdict) {
            case LoginPage.Verdict.NeedsHuman h -> new LoginOutcome.NeedsHuman(h.kind(), h.detail());
            case LoginPage.Verdict.Unavailable u -> new LoginOutcome.Failed(u.detail());
            default -> new LoginOutcome.NeedsHuman(LoginProblem.PAGE_CHANGED, "unexpected state " + verdict
                    + " at " + page.where());
        };
    }

    static String withoutQuery(String url) {
        if (url == null) {
            return "";
        }
        int cut = url.length();
        for (char c : new char[] {'?', '#'}) {
            int i = url.indexOf(c);
            if (i >= 0 && i < cut) {
                cut = i;
            }
        }
        return url.substring(0, cut);
    }

    /** The exception's type and first line, without addresses' queries: Selenium messages can be long. */
    private static String safe(WebDriverException e) {
        String message = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
        return e.getClass().getSimpleName() + ": " + message.replaceAll("\\?\\S*", "");
    }

    private static Path tempProfile() {
        try {
            return Files.createTempDirectory("renewal-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a browser profile directory", e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("cannot delete the browser profile {}: {}", dir, e.getMessage());
        }
    }
}
