package dev.placenotify.notifier;

import com.amazonaws.services.lambda.runtime.Context;
import java.time.Duration;

/**
 * When the current Lambda invocation ends, taken from its context's remaining time when it starts. Every
 * post is planned against it: none starts that could not finish before the end with the reserve kept for
 * recording what was posted, because a post cut off by Lambda's timeout is a post whose fate nobody knows.
 */
public record InvocationDeadline(long endsAtNanos) {
    /** Without a Lambda context (a direct call), the 60 s timeout every stage is deployed with. */
    static final Duration WITHOUT_CONTEXT = Duration.ofSeconds(60);

    public static InvocationDeadline of(Context context) {
        return after(context == null ? WITHOUT_CONTEXT : Duration.ofMillis(context.getRemainingTimeInMillis()));
    }

    public static InvocationDeadline after(Duration remaining) {
        return new InvocationDeadline(System.nanoTime() + remaining.toNanos());
    }

    public Duration remaining() {
        return Duration.ofNanos(Math.max(0, endsAtNanos - System.nanoTime()));
    }

    /** Time left for work that must end {@code reserve} before the invocation does (never negative). */
    public Duration remainingBefore(Duration reserve) {
        Duration left = remaining().minus(reserve);
        return left.isNegative() ? Duration.ZERO : left;
    }
}
