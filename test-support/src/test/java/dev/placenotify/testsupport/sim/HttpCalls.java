package dev.placenotify.testsupport.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** Real HTTP calls against the simulators, as the pipeline's clients would make them. */
final class HttpCalls {
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private HttpCalls() {}

    static HttpResponse<String> get(String url, Map<String, String> headers) {
        return send(builder(url, headers, DEFAULT_TIMEOUT).GET().build());
    }

    static HttpResponse<String> post(String url, String contentType, String body, Map<String, String> headers) {
        return send(postRequest(url, contentType, body, headers, DEFAULT_TIMEOUT));
    }

    static HttpResponse<String> postJson(String url, String json) {
        return post(url, "application/json", json, Map.of());
    }

    static HttpRequest postRequest(String url, String contentType, String body, Map<String, String> headers, Duration timeout) {
        return builder(url, headers, timeout).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** Lets checked exceptions through, for tests that expect timeouts or dropped connections. */
    static HttpResponse<String> sendRaw(HttpRequest request) throws IOException, InterruptedException {
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> send(HttpRequest request) {
        try {
            return sendRaw(request);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpRequest.Builder builder(String url, Map<String, String> headers, Duration timeout) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(timeout);
        headers.forEach(builder::header);
        return builder;
    }
}
