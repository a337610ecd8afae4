package dev.placenotify.fetcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.placenotify.fetcher.NaverSessionCheck.Verdict;
import org.junit.jupiter.api.Test;

class NaverSessionCheckTest {
    private static final String LOGIN_PAGE = "<!DOCTYPE html><html lang=\"ko\"><head><title>네이버 : 로그인</title></head>"
            + "<body><form id=\"frmNIDLogin\" action=\"https://nid.naver.com/nidlogin.login\" method=\"post\"></form></body></html>";
    private static final String ACCOUNT_PAGE = "<html><head><title>네이버 내정보</title></head><body>내정보"
            + "<a href=\"https://nid.naver.com/nidlogin.logout\">로그아웃</a></body></html>";

    @Test
    void landingOnTheLoginPageMeansTheLoginIsGone() {
        assertThat(NaverSessionCheck.judge(302, "https://nid.naver.com/nidlogin.login?mode=form&url=https%3A%2F%2Fnid.naver.com", ""))
                .isInstanceOf(Verdict.LoggedOut.class);
        assertThat(NaverSessionCheck.judge(200, null, LOGIN_PAGE)).isInstanceOf(Verdict.LoggedOut.class);
    }

    @Test
    void theAccountPageItselfMeansTheLoginWorksEvenWithALogoutLink() {
        assertThat(NaverSessionCheck.judge(200, null, ACCOUNT_PAGE)).isInstanceOf(Verdict.Alive.class);
    }

    @Test
    void anythingElseProvesNothing() {
        assertThat(NaverSessionCheck.judge(503, null, "Service Unavailable")).isInstanceOf(Verdict.Inconclusive.class)
                .extracting(Verdict::detail).asString().contains("HTTP 503");
        assertThat(NaverSessionCheck.judge(403, null, "{\"error\":\"FORBIDDEN\"}")).isInstanceOf(Verdict.Inconclusive.class);
        assertThat(NaverSessionCheck.judge(302, "https://www.naver.com/?token=secret", "")).isInstanceOf(Verdict.Inconclusive.class)
                .extracting(Verdict::detail).asString().contains("https://www.naver.com/").doesNotContain("secret");
        assertThat(NaverSessionCheck.judge(302, null, "")).isInstanceOf(Verdict.Inconclusive.class);
    }
}
