package dev.placenotify.notifier;

/**
 * How posting to one channel ended. The distinction that matters is whether the message may have reached
 * the channel: only a post that certainly did not ({@link Failed}, {@link NotStarted}) could ever be tried
 * again, and only {@link NotStarted} is (by a later invocation), so a summary reaches each channel at most once.
 */
public sealed interface PostResult {
    /** The channel accepted it. {@code attempts} is 0 when an earlier invocation posted it. */
    record Posted(int attempts) implements PostResult {}

    /** The channel's answer proves it was not posted (a 4xx, or retries that all proved so ran out). */
    record Failed(String reason) implements PostResult {}

    /** The request may have reached the channel but its answer was lost (timeout, 5xx, a notifier that died while posting). */
    record Uncertain(String reason) implements PostResult {}

    /** Nothing was sent: the invocation had no time left for a whole attempt. A later invocation posts it. */
    record NotStarted(String reason) implements PostResult {}

    /** What the runs table and the logs say about it. */
    static String describe(PostResult r) {
        return switch (r) {
            case Posted p -> p.attempts() == 0 ? "posted" : "posted after " + p.attempts() + " attempt(s)";
            case Failed f -> "FAILED: " + f.reason();
            case Uncertain u -> "UNCERTAIN: " + u.reason();
            case NotStarted n -> "NOT STARTED: " + n.reason();
        };
    }
}
