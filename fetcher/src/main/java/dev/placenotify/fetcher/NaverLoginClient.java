package dev.placenotify.fetcher;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Posts the account's credentials to a configured login endpoint ({@code NAVER_LOGIN_URL}) and reads the
 * {@code NID_AUT}/{@code NID_SES} cookies it sets.
 *
 * <p>This is deliberately a plain form post, not Naver's real login: nid.naver.com encrypts credentials
 * with a per-page RSA key and guards the form with captchas and device checks, which this client does not
 * (and should not) defeat. It serves a login proxy or gateway an operator runs, and anything else that
 * speaks this contract. Any answer without both cookies stops automated login with the reason (captcha,
 * second factor, rejected credentials), so a human is alerted instead of the fetcher retrying a login
 * that can only fail or lock the account; only 5xx, 429 and network failures count as transient.
 */
public final class NaverLoginClient {
    private static final List<String> CAPTCHA_MARKERS = List.of("captcha", "자동입력 방지", "자동입력방지", "보안문자");
    private static final List<String> SECOND_FACTOR_MARKERS = List.of("2단계", "two-factor", "2-step", "second factor",
            "otp", "새로운 기기", "new device", "기기 인증", "verification code");

    private final HttpClient http;
    private final URI loginUrl;
    private final Duration timeout;

    public NaverLoginClient(HttpClient http, URI loginUrl, Duration timeout) {
        this.http = http;
        this.loginUrl = loginUrl;
        this.timeout = timeout;
    }

    public URI loginUrl() {
        return loginUrl;
    }

    public LoginResult login(LoginCredentials credentials) {
        String form = "id=" + enc(credentials.username()) + "&pw=" + enc(credentials.password());
        HttpRequest request = HttpRequest.newBuilder(loginUrl).timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8)).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            return new LoginResult.Unavailable("login endpoint did not answer within " + timeout);
        } catch (IOException e) {
            return new LoginResult.Unavailable("cannot reach the login endpoint: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new LoginResult.Unavailable("interrupted");
        }
        return classify(response.statusCode(), response.headers().allValues("Set-Cookie"), response.body());
    }

    /** Turns the login endpoint's answer into a result; package-private for unit tests. */
    static LoginResult classify(int status, List<String> setCookies, String body) {
        Map<String, String> cookies = cookies(setCookies);
        String aut = cookies.get("NID_AUT");
        String ses = cookies.get("NID_SES");
        if (status < 400 && aut != null && !aut.isBlank() && ses != null && !ses.isBlank()) {
            return new LoginResult.LoggedIn(aut, ses);
        }
        if (status >= 500 || status == 429) {
            return new LoginResult.Unavailable("login endpoint answered HTTP " + status);
        }
        String text = body == null ? "" : body.toLowerCase(Locale.ROOT);
        if (CAPTCHA_MARKERS.stream().anyMatch(text::contains)) {
            return new LoginResult.NeedsHuman("the login page demands a captcha (HTTP " + status + ")");
        }
        if (SECOND_FACTOR_MARKERS.stream().anyMatch(text::contains)) {
            return new LoginResult.NeedsHuman("the login page demands a second factor (HTTP " + status + ")");
        }
        return new LoginResult.NeedsHuman("the login endpoint set no session cookies (HTTP " + status
                + "): credentials rejected or an unexpected page");
    }

    private static Map<String, String> cookies(List<String> setCookies) {
        Map<String, String> cookies = new HashMap<>();
        for (String header : setCookies) {
            String pair = header.split(";", 2)[0];
            int eq = pair.indexOf('=');
            if (eq > 0) {
                cookies.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
        }
        return cookies;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
