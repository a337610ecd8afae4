package dev.placenotify.testsupport.sim;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A scripted misbehaviour for the next request a simulator serves. Faults are consumed in the
 * order they were enqueued, one per request, after the configured latency.
 */
public sealed interface Fault {

    /** Answer with this response instead of the normal one; the request has no effect. */
    record Respond(SimResponse response) implements Fault {
        public Respond {
            Objects.requireNonNull(response, "response");
        }
    }

    /**
     * Sleep {@code duration} before answering, so a client with a shorter timeout gives up.
     * {@code processed} decides whether the request took effect anyway (the answer was merely
     * lost) or not at all; the late answer is then the normal one, or a 504.
     */
    record Hang(Duration duration, boolean processed) implements Fault {
        public Hang {
            Objects.requireNonNull(duration, "duration");
        }
    }

    /** Close the connection without any answer; the request has no effect. */
    record Drop() implements Fault {}

    /**
     * The request takes effect, the normal answer's status line and headers (with its
     * Content-Length) go out at once, and its body only after {@code duration}: a client whose
     * timeout covers only the wait for headers hangs in the body.
     */
    record StallBody(Duration duration) implements Fault {
        public StallBody {
            Objects.requireNonNull(duration, "duration");
        }
    }

    static Fault respond(SimResponse response) {
        return new Respond(response);
    }

    static Fault respond(int status, String contentType, String body, Map<String, String> headers) {
        SimResponse response = SimResponse.of(status, contentType, body);
        for (Map.Entry<String, String> header : headers.entrySet()) {
            response = response.withHeader(header.getKey(), header.getValue());
        }
        return new Respond(response);
    }

    static Fault json(int status, String body) {
        return new Respond(SimResponse.json(status, body));
    }

    static Fault text(int status, String body) {
        return new Respond(SimResponse.text(status, body));
    }

    /** The request takes effect, but the answer arrives only after {@code duration}. */
    static Fault hangProcessed(Duration duration) {
        return new Hang(duration, true);
    }

    /** The request has no effect; after {@code duration} a 504 arrives (if anyone still listens). */
    static Fault hangUnprocessed(Duration duration) {
        return new Hang(duration, false);
    }

    static Fault drop() {
        return new Drop();
    }

    /** The request takes effect; the answer's headers arrive at once, its body after {@code duration}. */
    static Fault stallBody(Duration duration) {
        return new StallBody(duration);
    }
}
