package dev.placenotify.notifier;

/** How posting to one channel ended. */
public sealed interface PostResult {
    record Posted(int attempts) implements PostResult {}

    record Failed(String reason, boolean retryable) implements PostResult {}
}
