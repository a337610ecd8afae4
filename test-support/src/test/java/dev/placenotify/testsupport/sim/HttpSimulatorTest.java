package dev.placenotify.testsupport.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpSimulatorTest {

    /** The smallest simulator: counts the requests it processed and says so. */
    static final class CountingSimulator extends HttpSimulator {
        final AtomicInteger processed = new AtomicInteger();

        CountingSimulator() {
            super("counting", Clock.systemUTC());
        }

        @Override
        protected SimResponse handle(SimRequest request) {
            return SimResponse.text(200, "processed " + processed.incrementAndGet());
        }

        @Override
        protected void clearRecordings() {
            processed.set(0);
        }
    }

    private final CountingSimulator sim = new CountingSimulator();

    @BeforeEach
    void start() {
        sim.start();
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void bindsLoopbackOnAFreePort() {
        assertThat(sim.baseUrl()).matches("http://127\\.0\\.0\\.1:\\d+").doesNotEndWith(":0");
        assertThatThrownBy(sim::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void servesClientsWithDefaultSettings() throws Exception {
        // The default JDK client offers an HTTP/2 upgrade on plain http; the simulator must answer in HTTP/1.1.
        java.net.http.HttpClient defaults = java.net.http.HttpClient.newHttpClient();
        HttpResponse<String> response = defaults.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(sim.baseUrl() + "/x"))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(sim.httpRequests()).singleElement().satisfies(request -> assertThat(request.bodyText()).isEqualTo("{}"));
    }

    @Test
    void faultsAnswerTheNextRequestsInOrderThenNormalServiceResumes() {
        sim.enqueueFault(Fault.json(500, "{\"e\":1}"), 2);
        sim.enqueueFault(Fault.respond(429, "text/plain", "slow down", Map.of("Retry-After", "7")));

        HttpResponse<String> first = HttpCalls.get(sim.baseUrl() + "/x", Map.of());
        HttpResponse<String> second = HttpCalls.get(sim.baseUrl() + "/x", Map.of());
        HttpResponse<String> third = HttpCalls.get(sim.baseUrl() + "/x", Map.of());
        HttpResponse<String> fourth = HttpCalls.get(sim.baseUrl() + "/x", Map.of());

        assertThat(List.of(first.statusCode(), second.statusCode(), third.statusCode(), fourth.statusCode()))
                .containsExactly(500, 500, 429, 200);
        assertThat(third.headers().firstValue("Retry-After")).hasValue("7");
        assertThat(third.body()).isEqualTo("slow down");
        assertThat(fourth.body()).isEqualTo("processed 1");
        assertThat(sim.httpRequests()).hasSize(4);
        assertThat(sim.pendingFaults()).isZero();
    }

    @Test
    void dropClosesTheConnectionWithoutAnswer() {
        sim.enqueueFault(Fault.drop());

        assertThatThrownBy(() -> HttpCalls.sendRaw(
                HttpCalls.postRequest(sim.baseUrl() + "/x", "text/plain", "hello", Map.of(), Duration.ofSeconds(5))))
                .isInstanceOf(IOException.class)
                .isNotInstanceOf(HttpTimeoutException.class);
        assertThat(sim.processed).hasValue(0);
        assertThat(HttpCalls.postJson(sim.baseUrl() + "/x", "{}").statusCode()).isEqualTo(200);
    }

    @Test
    void unprocessedHangOutlastsTheClientAndHasNoEffect() {
        sim.enqueueFault(Fault.hangUnprocessed(Duration.ofSeconds(3)));

        assertThatThrownBy(() -> HttpCalls.sendRaw(
                HttpCalls.postRequest(sim.baseUrl() + "/x", "text/plain", "a", Map.of(), Duration.ofMillis(200))))
                .isInstanceOf(HttpTimeoutException.class);
        assertThat(sim.processed).hasValue(0);
        // The hanging worker does not block others.
        assertThat(HttpCalls.postJson(sim.baseUrl() + "/x", "{}").body()).isEqualTo("processed 1");
    }

    @Test
    void processedHangTakesEffectThoughTheAnswerIsLost() {
        sim.enqueueFault(Fault.hangProcessed(Duration.ofSeconds(3)));

        assertThatThrownBy(() -> HttpCalls.sendRaw(
                HttpCalls.postRequest(sim.baseUrl() + "/x", "text/plain", "a", Map.of(), Duration.ofMillis(200))))
                .isInstanceOf(HttpTimeoutException.class);
        assertThat(sim.processed).hasValue(1);
    }

    @Test
    void latencyOverlapsAcrossConcurrentRequests() {
        sim.setLatency(Duration.ofMillis(300));
        ExecutorService clients = Executors.newFixedThreadPool(32);
        try {
            long started = System.nanoTime();
            List<CompletableFuture<HttpResponse<String>>> calls = java.util.stream.IntStream.range(0, 32)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> HttpCalls.get(sim.baseUrl() + "/p" + i, Map.of()), clients))
                    .toList();
            calls.forEach(call -> assertThat(call.join().statusCode()).isEqualTo(200));
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

            assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(300)).isLessThan(Duration.ofMillis(2500));
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void latencyCanDependOnTheRequest() {
        sim.setLatencyPerRequest(request -> request.path().equals("/slow") ? Duration.ofMillis(400) : Duration.ZERO);

        long fastStart = System.nanoTime();
        HttpCalls.get(sim.baseUrl() + "/fast", Map.of());
        Duration fast = Duration.ofNanos(System.nanoTime() - fastStart);
        long slowStart = System.nanoTime();
        HttpCalls.get(sim.baseUrl() + "/slow", Map.of());
        Duration slow = Duration.ofNanos(System.nanoTime() - slowStart);

        assertThat(slow).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        assertThat(fast).isLessThan(Duration.ofMillis(400));
    }

    @Test
    void resetForgetsRecordingsAndPendingFaults() {
        HttpCalls.get(sim.baseUrl() + "/x", Map.of());
        sim.enqueueFault(Fault.text(503, "down"));

        sim.reset();

        assertThat(sim.httpRequests()).isEmpty();
        assertThat(sim.pendingFaults()).isZero();
        assertThat(HttpCalls.get(sim.baseUrl() + "/x", Map.of()).body()).isEqualTo("processed 1");
    }

    @Test
    void closeDoesNotWaitForHangingRequests() {
        sim.enqueueFault(Fault.hangUnprocessed(Duration.ofSeconds(30)));
        CompletableFuture<?> hanging = CompletableFuture.runAsync(() -> {
            try {
                HttpCalls.sendRaw(HttpCalls.postRequest(sim.baseUrl() + "/x", "text/plain", "a", Map.of(), Duration.ofSeconds(20)));
            } catch (Exception expected) {
                // the connection dies with the server
            }
        });
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> sim.httpRequests().size() == 1);

        long started = System.nanoTime();
        sim.close();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        hanging.cancel(true);
    }
}
