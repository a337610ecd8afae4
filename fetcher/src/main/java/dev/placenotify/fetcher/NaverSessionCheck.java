package dev.placenotify.fetcher;

import dev.placenotify.session.NaverSession;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Whether a Naver login still works, asked the way the legacy asked it: open the account page
 * ({@code https://nid.naver.com/user2/help/myInfoV2?lang=ko_KR}, {@code NAVER_SESSION_CHECK_URL}) with the
 * cookies. Landing on the login page (a redirect to {@code nidlogin.login}, or the login form itself) means
 * the login is gone; the page itself means it works. Anything else (an error, a timeout, a redirect elsewhere)
 * proves neither. Redirects are not followed, so the cookies never go to another host.
 */
public final class NaverSessionCheck {
    /** What the account page said about a login. {@code detail} never holds the cookies. */
    public sealed interface Verdict {
        String detail();

        record Alive(String detail) implements Verdict {}

        record LoggedOut(String detail) implements Verdict {}

        record Inconclusive(String detail) implements Verdict {}
    }

    private static final Pattern LOGIN_FORM = Pattern.compile(
            "id=\"frmNIDLogin\"|<title>\\s*네이버\\s*:\\s*로그인|action=\"[^\"]*nidlogin\\.login");

    private final HttpClient http;
    private final URI url;
    private final Duration timeout;
    private final String userAgent;

    public NaverSessionCheck(HttpClient http, URI url, Duration timeout, String userAgent) {
        this.http = http;
        this.url = url;
        this.timeout = timeout;
        this.userAgent = userAgent;
    }

    public Verdict check(NaverSession session) {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout).GET()
                .header("Cookie", session.cookieHeader())
                .header("User-Agent", userAgent)
                .header("Accept", "text/html,application/xhtml+xml,*/*").build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            return new Verdict.Inconclusive("the account page did not answer within " + timeout);
        } catch (IOException e) {
            return new Verdict.Inconclusive("cannot reach the account page: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Verdict.Inconclusive("interrupted");
        }
        return judge(response.statusCode(), response.headers().firstValue("Location").orElse(null), response.body());
    }

    /** The decision, apart from the HTTP call. */
    static Verdict judge(int status, String location, String body) {
        if (status >= 300 && status < 400) {
            String target = location == null ? "" : location.replaceAll("\\?.*", "");
            return target.contains("nidlogin.login")
                    ? new Verdict.LoggedOut("the account page redirected to the login page")
                    : new Verdict.Inconclusive("the account page redirected to " + (target.isEmpty() ? "nowhere" : target));
        }
        if (status == 200) {
            return body != null && LOGIN_FORM.matcher(body).find()
                    ? new Verdict.LoggedOut("the account page showed the login form")
                    : new Verdict.Alive("the account page opened with these cookies");
        }
        return new Verdict.Inconclusive("the account page answered HTTP " + status);
    }
}
