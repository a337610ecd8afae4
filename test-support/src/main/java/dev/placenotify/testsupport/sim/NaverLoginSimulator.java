package dev.placenotify.testsupport.sim;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Naver's login pages on loopback, in the shape the session renewal's selectors were written for
 * ({@code nid.naver.com/nidlogin.login?mode=form}: {@code form#frmNIDLogin}, {@code input#id}, {@code input#pw}, the
 * submit button {@code #log.login}, {@code #err_common}). Like Naver's, the page's script encodes the credentials
 * into a hidden field with a key issued with the page and blanks the visible fields before the form is submitted,
 * so a login only works when a real browser ran the page (a plain form post, or a post with another page's key, is
 * refused). A good login answers with two redirects that set {@code NID_AUT} and then {@code NID_SES}, ending at the
 * {@code url} the login page was opened with, and makes the attached {@link NaverBookingSimulator} accept the new
 * pair, as a real login makes Naver accept it.
 *
 * <p>Switchable answers: a captcha after the submit, a new-device (2-step) check, a redesigned page whose fields
 * have other ids, and an error page (503). A wrong password is whatever does not match {@link #setAccount}.
 */
public final class NaverLoginSimulator extends HttpSimulator {
    public static final String LOGIN_PATH = "/nidlogin.login";
    public static final String FINALIZE_PATH = "/login/finalize";
    public static final String DEVICE_CHECK_PATH = "/login/ext/deviceConfirm";

    public enum Mode { NORMAL, CAPTCHA, SECOND_FACTOR, CHANGED_PAGE, UNAVAILABLE }

    /**
     * One submitted login form. {@code encoded}: the hidden field decoded with a key this simulator issued (the
     * page's script ran); {@code plainFieldsBlank}: the visible id and password arrived empty.
     */
    public record LoginPost(boolean encoded, boolean plainFieldsBlank, String username, String outcome) {
        @Override
        public String toString() {
            return "LoginPost[encoded=" + encoded + ", plainFieldsBlank=" + plainFieldsBlank + ", " + outcome + "]";
        }
    }

    private final Recorder<LoginPost> posts = new Recorder<>();
    private final Recorder<String> pagesServed = new Recorder<>();
    private final Set<String> issuedKeys = ConcurrentHashMap.newKeySet();
    private final Map<String, String[]> pendingFinalize = new ConcurrentHashMap<>();
    private final AtomicInteger issued = new AtomicInteger();
    private volatile NaverBookingSimulator naver;
    private volatile String username = "";
    private volatile String password = "";
    private volatile Mode mode = Mode.NORMAL;

    public NaverLoginSimulator(Clock clock) {
        super("naver-login", clock);
    }

    /** The Naver simulator that starts accepting the cookies a good login issues. */
    public NaverLoginSimulator attach(NaverBookingSimulator simulator) {
        this.naver = Objects.requireNonNull(simulator, "simulator");
        return this;
    }

    public void setAccount(String username, String password) {
        this.username = Objects.requireNonNull(username);
        this.password = Objects.requireNonNull(password);
    }

    public void setMode(Mode mode) {
        this.mode = Objects.requireNonNull(mode);
    }

    /** The URL to open, as the renewal opens Naver's: the form, returning to this simulator's home page. */
    public String loginUrl() {
        return baseUrl() + LOGIN_PATH + "?mode=form&url=" + URLEncoder.encode(baseUrl() + "/", StandardCharsets.UTF_8);
    }

    /** Every login form submitted, in order. */
    public List<LoginPost> posts() {
        return posts.snapshot();
    }

    /** How many logins succeeded (cookie pairs issued). */
    public int logins() {
        return issued.get();
    }

    /** The pages served ({@code GET path}), for tests that check what the browser opened. */
    public List<String> pagesServed() {
        return pagesServed.snapshot();
    }

    @Override
    protected void clearRecordings() {
        posts.clear();
        pagesServed.clear();
    }

    @Override
    protected SimResponse handle(SimRequest request) {
        if (request.method().equals("GET")) {
            pagesServed.add(request.path());
        }
        return switch (request.method() + " " + request.path()) {
            case "GET " + LOGIN_PATH -> loginPage(request.queryParam("url"), false, false);
            case "POST " + LOGIN_PATH -> submitted(request);
            case "GET " + FINALIZE_PATH -> finalizeLogin(request.queryParam("token"));
            case "GET " + DEVICE_CHECK_PATH -> SimResponse.html(200, DEVICE_PAGE);
            case "GET /" -> SimResponse.html(200, "<!DOCTYPE html><html lang=\"ko\"><head><meta charset=\"utf-8\">"
                    + "<title>NAVER</title></head><body><div id=\"home\">네이버 홈</div></body></html>");
            default -> SimResponse.html(404, "<html><body>not found</body></html>");
        };
    }

    private SimResponse loginPage(String returnUrl, boolean captcha, boolean wrongPassword) {
        if (mode == Mode.UNAVAILABLE) {
            return SimResponse.html(503, "<!DOCTYPE html><html><head><title>503 Service Unavailable</title></head>"
                    + "<body><h1>503 Service Unavailable</h1><p>일시적인 오류입니다. 잠시 후 다시 시도해 주세요.</p></body></html>");
        }
        if (mode == Mode.CHANGED_PAGE) {
            return SimResponse.html(200, "<!DOCTYPE html><html lang=\"ko\"><head><meta charset=\"utf-8\"><title>네이버 : 로그인"
                    + "</title></head><body><main><form id=\"loginForm\" action=\"" + LOGIN_PATH + "\" method=\"POST\">"
                    + "<input type=\"text\" id=\"loginId\" name=\"loginId\"><input type=\"password\" id=\"loginPw\" name=\"loginPw\">"
                    + "<button type=\"submit\" id=\"loginSubmit\">로그인</button></form></main></body></html>");
        }
        String key = UUID.randomUUID().toString();
        issuedKeys.add(key);
        String back = returnUrl == null ? baseUrl() + "/" : returnUrl;
        return SimResponse.html(200, """
                <!DOCTYPE html>
                <html lang="ko">
                <head><meta charset="utf-8"><title>네이버 : 로그인</title></head>
                <body>
                <form id="frmNIDLogin" name="frmNIDLogin" action="%s" method="POST" autocomplete="off">
                  <input type="hidden" id="encpw" name="encpw" value="">
                  <input type="hidden" id="enctp" name="enctp" value="1">
                  <input type="hidden" id="dynamicKey" name="dynamicKey" value="%s">
                  <input type="hidden" name="url" value="%s">
                  <div class="input_row"><input type="text" id="id" name="id" placeholder="아이디 또는 전화번호" maxlength="41"></div>
                  <div class="input_row"><input type="password" id="pw" name="pw" placeholder="비밀번호" maxlength="16"></div>
                  %s
                  <div class="error_message" id="err_common"%s>%s</div>
                  <button type="submit" class="btn_login" id="log.login"><span class="btn_text">로그인</span></button>
                </form>
                <script>
                  // Naver encrypts the credentials in the page before they leave it; this stands in for that.
                  document.getElementById('frmNIDLogin').addEventListener('submit', function () {
                    var id = document.getElementById('id'), pw = document.getElementById('pw');
                    var plain = document.getElementById('dynamicKey').value + '\\n' + id.value + '\\n' + pw.value;
                    var bin = '';
                    new TextEncoder().encode(plain).forEach(function (b) { bin += String.fromCharCode(b); });
                    document.getElementById('encpw').value = btoa(bin);
                    id.value = '';
                    pw.value = '';
                  });
                </script>
                </body>
                </html>
                """.formatted(LOGIN_PATH, key, html(back),
                captcha ? "<div id=\"captcha_wrap\"><img id=\"captchaimg\" alt=\"자동입력 방지문자\" src=\"data:image/gif;base64,"
                        + "R0lGODlhAQABAAAAACw=\"><p>자동입력 방지문자를 순서대로 입력해주세요.</p>"
                        + "<input type=\"text\" id=\"captcha\" name=\"chptcha\"></div>" : "",
                wrongPassword ? "" : " style=\"display:none\"",
                wrongPassword ? "아이디(로그인 전용 아이디) 또는 비밀번호를 잘못 입력했습니다. 입력하신 내용을 다시 확인해주세요." : ""));
    }

    private SimResponse submitted(SimRequest request) {
        Map<String, List<String>> form = request.formParams();
        boolean plainBlank = first(form, "id").isEmpty() && first(form, "pw").isEmpty();
        String[] decoded = decode(first(form, "encpw"));
        boolean encoded = decoded != null && issuedKeys.remove(decoded[0]);
        String returnUrl = first(form, "url").isEmpty() ? baseUrl() + "/" : first(form, "url");
        if (!encoded || !plainBlank) {
            posts.add(new LoginPost(encoded, plainBlank, null, "REFUSED"));
            return SimResponse.html(400, "<!DOCTYPE html><html><head><title>잘못된 요청</title></head><body>"
                    + "<p>잘못된 접근입니다.</p></body></html>");
        }
        String user = decoded[1];
        if (mode == Mode.CAPTCHA) {
            posts.add(new LoginPost(true, true, user, "CAPTCHA"));
            return loginPage(returnUrl, true, false);
        }
        if (!username.equals(user) || !password.equals(decoded[2])) {
            posts.add(new LoginPost(true, true, user, "WRONG_PASSWORD"));
            return loginPage(returnUrl, false, true);
        }
        if (mode == Mode.SECOND_FACTOR) {
            posts.add(new LoginPost(true, true, user, "SECOND_FACTOR"));
            return SimResponse.html(302, "").withHeader("Location", DEVICE_CHECK_PATH + "?mode=deviceConfirm");
        }
        int n = issued.incrementAndGet();
        String aut = "renewed-aut-" + n + "-" + UUID.randomUUID();
        String ses = "renewed-ses-" + n + "-" + UUID.randomUUID();
        NaverBookingSimulator attached = naver;
        if (attached != null) {
            attached.acceptSession(aut, ses);
        }
        String token = UUID.randomUUID().toString();
        pendingFinalize.put(token, new String[] {ses, returnUrl});
        posts.add(new LoginPost(true, true, user, "LOGGED_IN"));
        // Two hops, one cookie each (as Naver's login sets its cookies over its redirects).
        return SimResponse.html(302, "").withHeader("Location", FINALIZE_PATH + "?token=" + token)
                .withHeader("Set-Cookie", "NID_AUT=" + aut + "; Path=/; HttpOnly");
    }

    private SimResponse finalizeLogin(String token) {
        String[] pending = token == null ? null : pendingFinalize.remove(token);
        if (pending == null) {
            return SimResponse.html(400, "<html><body>expired</body></html>");
        }
        return SimResponse.html(302, "").withHeader("Location", pending[1])
                .withHeader("Set-Cookie", "NID_SES=" + pending[0] + "; Path=/; HttpOnly");
    }

    private static String[] decode(String encpw) {
        if (encpw == null || encpw.isEmpty()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getDecoder().decode(encpw), StandardCharsets.UTF_8).split("\n", 3);
            return parts.length == 3 ? parts : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String first(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        return values == null || values.isEmpty() || values.get(0) == null ? "" : values.get(0);
    }

    private static String html(String s) {
        return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
    }

    private static final String DEVICE_PAGE = """
            <!DOCTYPE html>
            <html lang="ko">
            <head><meta charset="utf-8"><title>네이버 : 새로운 기기 로그인 확인</title></head>
            <body>
            <div id="content">
              <h2>새로운 기기(브라우저)에서 로그인되었습니다</h2>
              <p>본인이 맞는지 확인하기 위해 2단계 인증을 진행해 주세요. 등록된 기기에서 로그인을 승인하면 계속할 수 있습니다.</p>
              <button type="button" id="btn_confirm">인증 요청</button>
            </div>
            </body>
            </html>
            """;
}
