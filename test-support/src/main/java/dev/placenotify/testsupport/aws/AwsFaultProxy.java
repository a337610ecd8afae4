package dev.placenotify.testsupport.aws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A loopback HTTP proxy in front of an emulator (dynalite, ElasticMQ) for one stage instance: the
 * instance's real SDK client talks the real protocol through it, and a test can make that traffic slow
 * ({@link #slowDown}, e.g. DynamoDB past the sender's reserve), make it stop ({@link #kill}: the instance
 * can no longer record or publish anything, as if its process had died), stop at a chosen call
 * ({@link #killWhen}: a table gone in the middle of a batch) and come back ({@link #revive}).
 */
public final class AwsFaultProxy implements AutoCloseable {
    // Headers the JDK client sets itself (or refuses to set).
    private static final Set<String> HOP_BY_HOP = Set.of("host", "content-length", "connection", "expect", "upgrade",
            "date", "from", "via", "warning", "transfer-encoding", "keep-alive");

    private final URI target;
    private final HttpServer server;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final AtomicInteger forwarded = new AtomicInteger();
    private volatile boolean killed;
    private volatile Duration delay = Duration.ZERO;
    private volatile Predicate<Call> killOn = call -> false;

    /**
     * One call as it reaches the proxy: {@code operation} is the AWS JSON protocol's action from the
     * {@code X-Amz-Target} header ({@code PutItem}, {@code SendMessageBatch}; empty without one).
     */
    public record Call(String operation, String body) {}

    private AwsFaultProxy(URI target) {
        this.target = target;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(workers);
        server.createContext("/", this::serve);
        server.start();
    }

    public static AwsFaultProxy to(URI target) {
        return new AwsFaultProxy(target);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Every request from now on waits this long before it is forwarded. */
    public void slowDown(Duration perRequest) {
        this.delay = perRequest;
    }

    /** No request is forwarded from now on, including those waiting in a slow-down: connections just close. */
    public void kill() {
        killed = true;
    }

    /** Kills the proxy at the first call matching {@code call}, which is not forwarded either. */
    public void killWhen(Predicate<Call> call) {
        killOn = call;
    }

    /** The path works again: calls are forwarded from now on (a {@link #killWhen} condition is dropped). */
    public void revive() {
        killOn = call -> false;
        killed = false;
    }

    public int forwarded() {
        return forwarded.get();
    }

    public boolean killed() {
        return killed;
    }

    private void serve(HttpExchange exchange) {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (!killed && killOn.test(callOf(exchange, body))) {
                killed = true;
            }
            Thread.sleep(delay);
            if (killed) {
                return; // closed before any answer: the client sees the connection drop
            }
            HttpRequest.Builder forward = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                    values.forEach(v -> forward.header(name, v));
                }
            });
            HttpResponse<byte[]> answer = client.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (killed) {
                return;
            }
            forwarded.incrementAndGet();
            answer.headers().map().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, List.copyOf(values));
                }
            });
            byte[] bytes = answer.body();
            exchange.sendResponseHeaders(answer.statusCode(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // The client gave up (its timeout) or the emulator went away: nothing to answer.
        }
    }

    private static Call callOf(HttpExchange exchange, byte[] body) {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        String operation = target == null ? "" : target.substring(target.lastIndexOf('.') + 1);
        return new Call(operation, new String(body, StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        killed = true;
        server.stop(0);
        workers.shutdownNow();
    }
}
