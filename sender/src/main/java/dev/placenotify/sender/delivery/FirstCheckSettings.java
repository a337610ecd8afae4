package dev.placenotify.sender.delivery;

import dev.placenotify.model.env.DeliveryCheckEnv;
import dev.placenotify.shell.EnvConfig;
import java.time.Duration;
import java.util.Optional;

/**
 * The part of the delivery checks the sender itself needs (part of its {@code SenderConfig}): where the first
 * look of each SENT or UNKNOWN text goes and how long after the send it comes. The delivery-check function
 * reads the whole schedule through {@link DeliveryCheckConfig}.
 *
 * @param queueUrl the delivery queue
 * @param delay    the first look after the send (SQS delays a message at most 15 minutes; longer is clamped)
 */
public record FirstCheckSettings(String queueUrl, Duration delay) {
    /** Carriers report most texts within seconds; two minutes finds most results at the first look. */
    public static final Duration DEFAULT_DELAY = Duration.ofMinutes(2);

    /** Empty when the environment names no delivery queue: the sender then enqueues no checks. */
    public static Optional<FirstCheckSettings> from(EnvConfig env) {
        return env.optional(DeliveryCheckEnv.DELIVERY_QUEUE_URL).map(url -> new FirstCheckSettings(url,
                env.seconds(DeliveryCheckEnv.DELIVERY_FIRST_CHECK_SECONDS, DEFAULT_DELAY)));
    }
}
