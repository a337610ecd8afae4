package dev.placenotify.fetcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NaverLoginClientTest {
    private static final List<String> COOKIES = List.of("NID_AUT=new-aut; Path=/; Domain=.naver.com; Secure; HttpOnly",
            "NID_SES=new-ses; Path=/; Domain=.naver.com", "nid_inf=123; Path=/");

    @Test
    void bothCookiesMeanLoggedInWhetherTheAnswerIsA200OrARedirect() {
        assertThat(NaverLoginClient.classify(200, COOKIES, "<html>welcome</html>"))
                .isEqualTo(new LoginResult.LoggedIn("new-aut", "new-ses"));
        assertThat(NaverLoginClient.classify(302, COOKIES, "")).isEqualTo(new LoginResult.LoggedIn("new-aut", "new-ses"));
    }

    @Test
    void aCaptchaStopsAutomatedLogin() {
        LoginResult r = NaverLoginClient.classify(200, List.of(), "<div id=\"captcha\">자동입력 방지 문자를 입력해 주세요</div>");

        assertThat(r).isInstanceOf(LoginResult.NeedsHuman.class);
        assertThat(((LoginResult.NeedsHuman) r).reason()).contains("captcha");
    }

    @Test
    void aSecondFactorStopsAutomatedLogin() {
        LoginResult r = NaverLoginClient.classify(200, List.of(), "<h2>2단계 인증</h2><p>새로운 기기에서 로그인</p>");

        assertThat(r).isInstanceOf(LoginResult.NeedsHuman.class);
        assertThat(((LoginResult.NeedsHuman) r).reason()).contains("second factor");
    }

    @Test
    void rejectedCredentialsOrAnUnknownPageStopAutomatedLoginToo() {
        assertThat(NaverLoginClient.classify(401, List.of(), "{\"error\":\"INVALID_CREDENTIALS\"}"))
                .isInstanceOf(LoginResult.NeedsHuman.class);
        assertThat(NaverLoginClient.classify(200, List.of(), "<html>something new</html>"))
                .isInstanceOf(LoginResult.NeedsHuman.class);
        // Only one of the two cookies is not a session.
        assertThat(NaverLoginClient.classify(200, List.of("NID_AUT=a"), "")).isInstanceOf(LoginResult.NeedsHuman.class);
        // A cookie being deleted is not a session either.
        assertThat(NaverLoginClient.classify(200, List.of("NID_AUT=; Max-Age=0", "NID_SES=; Max-Age=0"), ""))
                .isInstanceOf(LoginResult.NeedsHuman.class);
    }

    @Test
    void serverErrorsAndThrottlingAreTransient() {
        assertThat(NaverLoginClient.classify(503, List.of(), "busy")).isInstanceOf(LoginResult.Unavailable.class);
        assertThat(NaverLoginClient.classify(429, List.of(), "")).isInstanceOf(LoginResult.Unavailable.class);
    }

    @Test
    void credentialsAndCookiesNeverShowInToString() {
        assertThat(new LoginCredentials("owner@example.com", "hunter2").toString()).doesNotContain("hunter2");
        assertThat(new LoginResult.LoggedIn("secret-aut", "secret-ses").toString()).doesNotContain("secret");
        assertThat(new NaverSession("acc", "secret-aut", "secret-ses", NaverSession.SessionStatus.VALID,
                java.time.Instant.EPOCH, 1).toString()).doesNotContain("secret");
    }
}
