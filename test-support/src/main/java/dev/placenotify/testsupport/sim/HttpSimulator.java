package dev.placenotify.testsupport.sim;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loopback HTTP server that stands in for one external API. Subclasses only turn a
 * {@link SimRequest} into a {@link SimResponse}; this class adds what every simulator shares:
 * parallel serving, latency, scripted {@link Fault faults} and a log of raw requests.
 *
 * <p>Requests run on a fixed pool (32 workers by default) so injected latency overlaps across
 * concurrent clients the way a real remote service's would.
 */
public abstract class HttpSimulator implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HttpSimulator.class);
    private static final int DEFAULT_WORKERS = 32;
    // Benchmarks open many connections at once; the OS default backlog would refuse some.
    private static final int ACCEPT_BACKLOG = 512;

    protected final Clock clock;
    private final String name;
    private final Deque<Fault> faults = new ConcurrentLinkedDeque<>();
    private final Recorder<SimRequest> httpRequests = new Recorder<>();
    private volatile Function<SimRequest, Duration> latency = request -> Duration.ZERO;
    private volatile int workerThreads = DEFAULT_WORKERS;
    private HttpServer server;
    private ExecutorService workers;

    protected HttpSimulator(String name, Clock clock) {
        this.name = Objects.requireNonNull(name, "name");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Binds 127.0.0.1 on a free port and starts serving. */
    public synchronized void start() {
        if (server != null) {
            throw new IllegalStateException(name + " simulator already started");
        }
        try {
            HttpServer created = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), ACCEPT_BACKLOG);
            workers = Executors.newFixedThreadPool(workerThreads, daemonThreads(name));
            created.setExecutor(workers);
            created.createContext("/", this::serve);
            created.start();
            server = created;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + " simulator", e);
        }
    }

    /** Stops at once; requests still sleeping in latency or a hang are interrupted and get no answer. */
    @Override
    public synchronized void close() {
        if (server == null) {
            return;
        }
        server.stop(0);
        workers.shutdownNow();
        server = null;
    }

    /** {@code http://127.0.0.1:PORT}, without a trailing slash. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException(name + " simulator not started");
        }
        return server.getAddress().getPort();
    }

    /** Size of the worker pool, i.e. how many requests are served in parallel. Call before {@link #start()}. */
    public void setWorkerThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be positive");
        }
        this.workerThreads = threads;
    }

    /** Every request waits this long before it is looked at (faults included). */
    public void setLatency(Duration perRequest) {
        Objects.requireNonNull(perRequest, "perRequest");
        this.latency = request -> perRequest;
    }

    /** Latency chosen per request, e.g. by path or header. */
    public void setLatencyPerRequest(Function<SimRequest, Duration> perRequest) {
        this.latency = Objects.requireNonNull(perRequest, "perRequest");
    }

    /** The next request served gets this fault instead of its normal answer. */
    public void enqueueFault(Fault fault) {
        faults.addLast(Objects.requireNonNull(fault, "fault"));
    }

    /** The next {@code times} requests get this fault. */
    public void enqueueFault(Fault fault, int times) {
        for (int i = 0; i < times; i++) {
            enqueueFault(fault);
        }
    }

    public int pendingFaults() {
        return faults.size();
    }

    /** Every HTTP request received, faulted or not, in arrival order. */
    public List<SimRequest> httpRequests() {
        return httpRequests.snapshot();
    }

    /** Forgets recordings and pending faults; configuration (data, credentials, latency) stays. */
    public void reset() {
        faults.clear();
        httpRequests.clear();
        clearRecordings();
    }

    /** The normal answer; may throw {@link RejectedRequest} to answer with an error. */
    protected abstract SimResponse handle(SimRequest request);

    protected abstract void clearRecordings();

    /** Sees every request on arrival, before latency and faults: for recordings that must include failed attempts. */
    protected void onArrival(SimRequest request) {}

    /** Whether the pending {@link Fault faults} apply to this request (a simulator may keep some routes apart). */
    protected boolean takesQueuedFaults(SimRequest request) {
        return true;
    }

    protected Duration latencyFor(SimRequest request) {
        Duration chosen = latency.apply(request);
        return chosen == null ? Duration.ZERO : chosen;
    }

    protected static RejectedRequest reject(SimResponse response) {
        return new RejectedRequest(response);
    }

    private void serve(HttpExchange exchange) {
        try (exchange) {
            SimRequest request = read(exchange);
            httpRequests.add(request);
            onArrival(request);
            Thread.sleep(latencyFor(request));
            Fault fault = takesQueuedFaults(request) ? faults.pollFirst() : null;
            switch (fault) {
                case null -> send(exchange, answer(request));
                case Fault.Respond respond -> send(exchange, respond.response());
                case Fault.Drop drop -> {
                    // Closing before any header is sent makes the JDK server drop the connection.
                }
                case Fault.Hang hang when hang.processed() -> {
                    SimResponse late = answer(request);
                    Thread.sleep(hang.duration());
                    send(exchange, late);
                }
                case Fault.Hang hang -> {
                    Thread.sleep(hang.duration());
                    send(exchange, SimResponse.text(504, "simulated hang: request not processed"));
                }
                case Fault.StallBody stall -> sendStalled(exchange, answer(request), stall.duration());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // The client gave up (timeout) before the answer was written: expected with hangs.
        }
    }

    private SimResponse answer(SimRequest request) {
        try {
            return handle(request);
        } catch (RejectedRequest rejected) {
            return rejected.response();
        } catch (RuntimeException e) {
            // Only the exception type: messages of parse errors can quote bodies with phone numbers.
            log.warn("{} simulator failed on {} request: {}", name, request.method(), e.getClass().getName());
            return SimResponse.json(500, "{\"error\":\"SIMULATOR_FAILURE\"}");
        }
    }

    private SimRequest read(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        return new SimRequest(exchange.getRequestMethod(), exchange.getRequestURI(), exchange.getRequestHeaders(),
                body, clock.instant());
    }

    private static void send(HttpExchange exchange, SimResponse response) throws IOException {
        response.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        byte[] body = response.body();
        boolean bodyless = body.length == 0 || response.status() == 204 || response.status() == 304;
        exchange.sendResponseHeaders(response.status(), bodyless ? -1 : body.length);
        if (!bodyless) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** Status line and headers now (flushed), the body after {@code stall}. */
    private static void sendStalled(HttpExchange exchange, SimResponse response, Duration stall)
            throws IOException, InterruptedException {
        response.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        byte[] body = response.body();
        exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.flush();
            Thread.sleep(stall);
            out.write(body);
        }
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-sim-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
