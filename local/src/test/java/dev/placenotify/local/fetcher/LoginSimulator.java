package dev.placenotify.local.fetcher;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.placenotify.local.sim.NaverBookingSimulator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A login endpoint on loopback that speaks the contract the fetcher's automated login expects (form post of
 * {@code id}/{@code pw}, session cookies in {@code Set-Cookie}). It is not Naver's login: it stands in for
 * whatever endpoint an operator configures. A successful login makes the Naver simulator accept the new
 * cookies through its public API, as a real login would make Naver accept them.
 */
final class LoginSimulator implements AutoCloseable {
    enum Mode { ISSUE_COOKIES, CAPTCHA, SECOND_FACTOR, UNAVAILABLE }

    private volatile NaverBookingSimulator naver;
    private final String username;
    private final String password;
    private final AtomicInteger logins = new AtomicInteger();
    private final List<String> usernames = new CopyOnWriteArrayList<>();
    private volatile Mode mode = Mode.ISSUE_COOKIES;
    private volatile Duration latency = Duration.ZERO;
    private final HttpServer server;
    private final ExecutorService workers = Executors.newFixedThreadPool(8, Thread.ofPlatform().daemon().factory());

    /** Started before the pipeline (whose environment names its URL); {@link #attach} the Naver simulator then. */
    LoginSimulator(String username, String password) {
        this.username = username;
        this.password = password;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(workers);
        server.createContext("/nidlogin.login", this::serve);
        server.start();
    }

    LoginSimulator attach(NaverBookingSimulator simulator) {
        this.naver = simulator;
        return this;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/nidlogin.login";
    }

    void mode(Mode m) {
        this.mode = m;
    }

    void latency(Duration d) {
        this.latency = d;
    }

    /** How many login posts arrived. */
    int logins() {
        return logins.get();
    }

    List<String> usernames() {
        return List.copyOf(usernames);
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            int n = logins.incrementAndGet();
            usernames.add(form.getOrDefault("id", ""));
            Thread.sleep(latency);
            if (!"POST".equals(exchange.getRequestMethod())) {
                send(exchange, 405, "text/plain", "POST only");
                return;
            }
            switch (mode) {
                case UNAVAILABLE -> send(exchange, 503, "text/plain", "service unavailable");
                case CAPTCHA -> send(exchange, 200, "text/html; charset=UTF-8",
                        "<html><body><div id=\"captcha\">자동입력 방지 문자를 입력해 주세요</div></body></html>");
                case SECOND_FACTOR -> send(exchange, 200, "text/html; charset=UTF-8",
                        "<html><body><h2>2단계 인증</h2><p>등록된 기기에서 로그인을 승인해 주세요</p></body></html>");
                case ISSUE_COOKIES -> {
                    if (!username.equals(form.get("id")) || !password.equals(form.get("pw"))) {
                        send(exchange, 200, "text/html; charset=UTF-8",
                                "<html><body>아이디 또는 비밀번호를 잘못 입력했습니다.</body></html>");
                        return;
                    }
                    String aut = "auto-aut-" + n;
                    String ses = "auto-ses-" + n;
                    naver.acceptSession(aut, ses);
                    exchange.getResponseHeaders().add("Set-Cookie", "NID_AUT=" + aut + "; Path=/; Secure; HttpOnly");
                    exchange.getResponseHeaders().add("Set-Cookie", "NID_SES=" + ses + "; Path=/; Secure; HttpOnly");
                    exchange.getResponseHeaders().add("Location", "https://partner.booking.naver.com/");
                    send(exchange, 302, "text/html", "");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
