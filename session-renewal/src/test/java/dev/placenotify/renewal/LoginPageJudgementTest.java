package dev.placenotify.renewal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.placenotify.renewal.LoginPage.Element;
import dev.placenotify.renewal.LoginPage.Verdict;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The judgement of pages the browser cannot show from a file: redirects, cookies, error pages. */
class LoginPageJudgementTest {
    private static final Set<Element> FORM = EnumSet.of(Element.LOGIN_FORM, Element.ID_FIELD, Element.PASSWORD_FIELD,
            Element.LOGIN_BUTTON);

    private static PageFacts page(String url, Set<Element> shown, boolean cookies, String text) {
        return new PageFacts(url, "네이버", shown, cookies, text);
    }

    @Test
    void leavingTheLoginPageWithBothCookiesIsALogin() {
        assertThat(LoginPage.afterSubmit(page("https://www.naver.com/", Set.of(), true, "뉴스 쇼핑")))
                .isInstanceOf(Verdict.LoggedIn.class);
    }

    @Test
    void cookiesAloneDoNotCountWhileTheBrowserIsStillOnTheLoginPage() {
        // Naver sets some cookies on the form itself; only the redirect after the submit says it is done.
        assertThat(LoginPage.afterSubmit(page("https://nid.naver.com/nidlogin.login", FORM, true, "")))
                .isInstanceOf(Verdict.Pending.class);
    }

    @Test
    void landingElsewhereWithoutCookiesIsAChangedPage() {
        assertThat(LoginPage.afterSubmit(page("https://nid.naver.com/login/sso/finalize", Set.of(), false, "")))
                .isInstanceOfSatisfying(Verdict.NeedsHuman.class, h -> assertThat(h.kind()).isEqualTo(LoginProblem.PAGE_CHANGED));
    }

    @Test
    void anUnreachablePageOrAnErrorPageIsTransient() {
        assertThat(LoginPage.beforeSubmit(page("chrome-error://chromewebdata/", Set.of(), false, "")))
                .isInstanceOf(Verdict.Unavailable.class);
        assertThat(LoginPage.beforeSubmit(page("https://nid.naver.com/nidlogin.login", Set.of(), false,
                "503 Service Unavailable"))).isInstanceOf(Verdict.Unavailable.class);
    }

    @Test
    void aSecondFactorPathIsRecognisedWhateverTheText() {
        assertThat(LoginPage.afterSubmit(page("https://nid.naver.com/login/ext/deviceConfirm", Set.of(), false, "")))
                .isInstanceOfSatisfying(Verdict.NeedsHuman.class, h -> assertThat(h.kind()).isEqualTo(LoginProblem.SECOND_FACTOR));
    }

    @Test
    void theAccountPageIsOpenUnlessItIsTheLoginForm() {
        assertThat(LoginPage.accountPageOpen(page("https://nid.naver.com/user2/help/myInfoV2", Set.of(), true, "내정보")))
                .isTrue();
        assertThat(LoginPage.accountPageOpen(page("https://nid.naver.com/nidlogin.login", FORM, false, ""))).isFalse();
        assertThat(LoginPage.accountPageOpen(page("https://nid.naver.com/user2/help/myInfoV2", FORM, false, ""))).isFalse();
    }

    @Test
    void pageFactsNeverPrintThePageText() {
        PageFacts facts = page("https://nid.naver.com/nidlogin.login", FORM, true, "secret text 010-1234-5678");
        assertThat(facts.toString()).doesNotContain("secret text", "010-1234-5678");
        assertThat(BrowserLogin.withoutQuery("https://nid.naver.com/nidlogin.login?mode=form&token=abc#x"))
                .isEqualTo("https://nid.naver.com/nidlogin.login");
    }
}
