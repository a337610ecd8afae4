package dev.placenotify.sender;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.placenotify.model.ContentType;
import dev.placenotify.model.SmsType;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client against a real loopback HTTP server: what reaches the wire and how transport failures classify. */
class SensClientTransportTest {
    private static final Instant NOW = Instant.parse("2025-10-22T05:00:00Z");
    private static final SensCredentials CREDS = new SensCredentials("access", "secret", "ncp:sms:kr:1:svc");
    private final Map<String, String> seen = new ConcurrentHashMap<>();
    private HttpServer server;

    private URI serve(Consumer<HttpExchange> handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            seen.put("path", exchange.getRequestURI().getPath());
            exchange.getRequestHeaders().forEach((k, v) -> seen.put(k.toLowerCase(), v.get(0)));
            seen.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            handler.accept(exchange);
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static SensClient client(URI base, Duration timeout) {
        return new SensClient(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build(), base, timeout,
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static SensRequest request() {
        return new SensRequest("0312345678", SmsType.SMS, ContentType.COMM,
                List.of(TestJobs.sms("1", "01012345678", "확정"), TestJobs.sms("2", "01087654321", "확정")));
    }

    private static void answer(HttpExchange exchange, int status, String body) {
        try (exchange) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        } catch (IOException e) {
            // the client went away
        }
    }

    @Test
    void signsThePathWithTheClockAndNamesEveryKey() throws IOException {
        URI base = serve(e -> answer(e, 202, "{\"requestId\":\"R1\",\"statusCode\":\"202\",\"statusName\":\"success\"}"));

        SensResult result = client(base, Duration.ofSeconds(2)).send(request(), CREDS);

        assertThat(result).isEqualTo(new SensResult.Accepted("R1"));
        String path = "/sms/v2/services/ncp:sms:kr:1:svc/messages";
        assertThat(seen.get("path")).isEqualTo(path);
        assertThat(seen.get("x-ncp-apigw-timestamp")).isEqualTo(Long.toString(NOW.toEpochMilli()));
        assertThat(seen.get("x-ncp-iam-access-key")).isEqualTo("access");
        assertThat(seen.get("x-ncp-apigw-signature-v2"))
                .isEqualTo(SensSignature.sign("secret", "POST", path, NOW.toEpochMilli(), "access"));
        assertThat(seen.get("content-type")).startsWith("application/json");
        assertThat(seen.get(SensClient.KEYS_HEADER)).isEqualTo("1051707:1:CONFIRMATION,1051707:2:CONFIRMATION");
        assertThat(seen.get("body")).contains("\"to\":\"01012345678\"").contains("\"to\":\"01087654321\"");
    }

    @Test
    void noAnswerWithinTheTimeoutIsUnknownNotRetryable() throws IOException {
        URI base = serve(e -> {
            sleep(Duration.ofSeconds(2));
            answer(e, 202, "{}");
        });

        SensResult result = client(base, Duration.ofMillis(300)).send(request(), CREDS);

        assertThat(result).isInstanceOf(SensResult.Unknown.class);
        assertThat(seen).containsKey("body"); // the request did reach the server
    }

    @Test
    void aBodyThatStallsAfterTheHeadersIsCutAtTheCallBudgetAndUnknown() throws IOException {
        URI base = serve(e -> {
            try (e) {
                byte[] bytes = "{\"requestId\":\"R1\",\"statusCode\":\"202\"}".getBytes(StandardCharsets.UTF_8);
                e.sendResponseHeaders(202, bytes.length);
                e.getResponseBody().flush();
                sleep(Duration.ofSeconds(5));
                e.getResponseBody().write(bytes);
            } catch (IOException gone) {
                // the client gave up, as it should
            }
        });
        long started = System.nanoTime();

        // 1 s connect + 300 ms answer: the whole exchange may take 1.3 s.
        SensResult result = client(base, Duration.ofMillis(300)).send(request(), CREDS);

        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(result).isInstanceOf(SensResult.Unknown.class);
        assertThat(((SensResult.Unknown) result).reason()).contains("HTTP 202").contains("did not arrive within PT1.3S");
        assertThat(took).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void aThrottledStatusWhoseBodyStallsIsStillTransient() throws IOException {
        URI base = serve(e -> {
            try (e) {
                e.sendResponseHeaders(429, 10);
                e.getResponseBody().flush();
                sleep(Duration.ofSeconds(5));
            } catch (IOException gone) {
                // the client gave up
            }
        });

        assertThat(client(base, Duration.ofMillis(300)).send(request(), CREDS)).isInstanceOf(SensResult.Transient.class);
    }

    @Test
    void aConnectionClosedWithoutAnswerIsUnknown() throws IOException {
        URI base = serve(HttpExchange::close);

        assertThat(client(base, Duration.ofSeconds(2)).send(request(), CREDS)).isInstanceOf(SensResult.Unknown.class);
    }

    @Test
    void aRefusedConnectionIsTransientBecauseNothingWasSent() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }

        SensResult result = client(URI.create("http://127.0.0.1:" + closedPort), Duration.ofSeconds(1)).send(request(), CREDS);

        assertThat(result).isInstanceOf(SensResult.Transient.class);
    }

    @Test
    void retryAfterOfA429ReachesTheResult() throws IOException {
        URI base = serve(e -> {
            e.getResponseHeaders().add("Retry-After", "2");
            answer(e, 429, "{\"status\":\"429\",\"errorMessage\":\"Too Many Requests\"}");
        });

        SensResult result = client(base, Duration.ofSeconds(2)).send(request(), CREDS);

        assertThat(result).isEqualTo(new SensResult.Transient("SENS HTTP 429: Too Many Requests", Duration.ofSeconds(2)));
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
