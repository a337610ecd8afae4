package dev.placenotify.sender;

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
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP proxy in front of an emulator (dynalite, ElasticMQ) for one sender instance: the
 * instance's real SDK client talks the real protocol through it, and a test can make that traffic slow
 * ({@link #slowDown}, e.g. DynamoDB past the sender's reserve) or make it stop for good ({@link #kill}:
 * the instance can no longer record or publish anything, as if its process had died).
 */
final class AwsFaultProxy implements AutoCloseable {
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

    static AwsFaultProxy to(URI target) {
        return new AwsFaultProxy(target);
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Every request from now on waits this long before it is forwarded. */
    void slowDown(Duration perRequest) {
        this.delay = perRequest;
    }

    /** No request is forwarded from now on, including those waiting in a slow-down: connections just close. */
    void kill() {
        killed = true;
    }

    int forwarded() {
        return forwarded.get();
    }

    boolean killed() {
        return killed;
    }

    private void serve(HttpExchange exchange) {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
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

    @Override
    public void close() {
        killed = true;
        server.stop(0);
        workers.shutdownNow();
    }
}
