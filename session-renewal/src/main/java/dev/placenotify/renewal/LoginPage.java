package dev.placenotify.renewal;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.openqa.selenium.By;

/**
 * Everything the renewal knows about Naver's login pages, in one place: the selectors and the judgement of what a
 * page means. Written for the page shape of {@code https://nid.naver.com/nidlogin.login?mode=form} that the
 * legacy's Selenium login used (the form {@code #frmNIDLogin} with {@code input#id}, {@code input#pw} and the
 * submit button whose id is {@code log.login}; {@code #err_common} for a rejected id/password; a captcha box
 * {@code #captcha}/{@code #captchaimg} after too many tries; the new-device and 2-step pages under
 * {@code /login/ext/}). The fixtures in {@code src/test/resources/pages/} are those shapes; {@code LoginPageTest}
 * runs these selectors on them in Chromium. When Naver changes the page, this class and the fixtures change
 * together, and until then the renewal reports a changed page instead of guessing.
 */
public final class LoginPage {
    private LoginPage() {}

    /** The page elements the renewal looks for; "displayed" means present and visible. */
    public enum Element {
        LOGIN_FORM(By.cssSelector("form#frmNIDLogin")),
        ID_FIELD(By.cssSelector("input#id")),
        PASSWORD_FIELD(By.cssSelector("input#pw")),
        // The id contains a dot: By.id, or "button#log\\.login" in CSS ("button#log.login" would mean class "login").
        LOGIN_BUTTON(By.id("log.login")),
        ERROR_MESSAGE(By.cssSelector("#err_common")),
        CAPTCHA(By.cssSelector("#captcha, #captchaimg, #rcapt"));

        private final By by;

        Element(By by) {
            this.by = by;
        }

        public By by() {
            return by;
        }
    }

    /** The elements the form needs before the renewal types anything. */
    public static final Set<Element> FORM = EnumSet.of(Element.ID_FIELD, Element.PASSWORD_FIELD, Element.LOGIN_BUTTON);

    static final String LOGIN_PATH = "/nidlogin.login";
    static final List<String> SECOND_FACTOR_PATHS = List.of("/login/ext/deviceconfirm", "/login/ext/need2",
            "/login/ext/2step", "/user2/2step", "/iasystem/");
    static final List<String> SECOND_FACTOR_TEXT = List.of("2단계 인증", "새로운 기기", "새로운 환경", "기기 인증",
            "two-step", "2-step verification", "new device");
    static final List<String> CAPTCHA_TEXT = List.of("자동입력 방지", "자동입력방지", "보안문자", "captcha");
    static final List<String> UNAVAILABLE_TEXT = List.of("일시적인 오류", "잠시 후 다시", "service unavailable",
            "bad gateway", "gateway timeout", "서비스 점검");

    /** What a page means for the login. */
    public sealed interface Verdict {
        /** The login form is there: type the credentials. */
        record FormReady() implements Verdict {}

        /** Both cookies are set and the browser left the login page. */
        record LoggedIn() implements Verdict {}

        /** Still on the login page without an answer yet: keep waiting. */
        record Pending() implements Verdict {}

        /** Something a person must handle; {@code kind} says what. */
        record NeedsHuman(LoginProblem kind, String detail) implements Verdict {}

        /** Naver or the network failed; a later attempt may work. */
        record Unavailable(String detail) implements Verdict {}
    }

    /** Judges the login page as first opened. */
    public static Verdict beforeSubmit(PageFacts page) {
        if (unreachable(page)) {
            return new Verdict.Unavailable("the login page could not be loaded (" + page.url() + ")");
        }
        if (page.displayed().containsAll(FORM)) {
            return new Verdict.FormReady();
        }
        Verdict problem = problem(page);
        if (problem != null) {
            return problem;
        }
        Set<Element> missing = EnumSet.copyOf(FORM);
        missing.removeAll(page.displayed());
        return new Verdict.NeedsHuman(LoginProblem.PAGE_CHANGED, "the login page at " + page.where()
                + " lacks " + names(missing));
    }

    /** Judges the page after the login button was pressed. */
    public static Verdict afterSubmit(PageFacts page) {
        if (unreachable(page)) {
            return new Verdict.Unavailable("the browser lost the login page (" + page.url() + ")");
        }
        Verdict problem = problem(page);
        if (problem != null) {
            return problem;
        }
        if (page.shows(Element.ERROR_MESSAGE)) {
            return new Verdict.NeedsHuman(LoginProblem.WRONG_PASSWORD, "Naver rejected the id or password");
        }
        if (onLoginPath(page)) {
            return new Verdict.Pending();
        }
        if (page.sessionCookies()) {
            return new Verdict.LoggedIn();
        }
        return new Verdict.NeedsHuman(LoginProblem.PAGE_CHANGED, "the login ended on an unexpected page "
                + page.where() + " without the session cookies");
    }

    /** Judges the account page ({@code myInfoV2}) opened with the new cookies: true when it is not the login form. */
    public static boolean accountPageOpen(PageFacts page) {
        return !unreachable(page) && !onLoginPath(page) && !page.shows(Element.LOGIN_FORM)
                && !page.displayed().containsAll(FORM);
    }

    /** Captcha, a second factor, or an error page: the same wherever they show. */
    private static Verdict problem(PageFacts page) {
        String path = page.url().toLowerCase(Locale.ROOT);
        String text = page.text().toLowerCase(Locale.ROOT);
        if (SECOND_FACTOR_PATHS.stream().anyMatch(path::contains)
                || SECOND_FACTOR_TEXT.stream().map(m -> m.toLowerCase(Locale.ROOT)).anyMatch(text::contains)) {
            return new Verdict.NeedsHuman(LoginProblem.SECOND_FACTOR, "Naver asks for a new-device or 2-step check at "
                    + page.where());
        }
        if (page.shows(Element.CAPTCHA) || CAPTCHA_TEXT.stream().anyMatch(text::contains)) {
            return new Verdict.NeedsHuman(LoginProblem.CAPTCHA, "Naver shows a captcha at " + page.where());
        }
        if (UNAVAILABLE_TEXT.stream().anyMatch(text::contains) && !page.displayed().containsAll(FORM)) {
            return new Verdict.Unavailable("Naver answered with an error page " + page.where());
        }
        return null;
    }

    private static boolean onLoginPath(PageFacts page) {
        return page.url().contains(LOGIN_PATH);
    }

    private static boolean unreachable(PageFacts page) {
        return page.url().startsWith("chrome-error:") || page.url().isBlank() || page.url().equals("about:blank")
                || page.url().startsWith("data:");
    }

    private static String names(Set<Element> elements) {
        return elements.stream().map(e -> e.name().toLowerCase(Locale.ROOT) + " (" + e.by() + ")")
                .collect(Collectors.joining(", "));
    }
}
