package dev.placenotify.operator.replay;

import dev.placenotify.model.MessageCodec;
import dev.placenotify.model.MessageDecodingException;
import dev.placenotify.model.SmsJob;
import dev.placenotify.operator.sends.IdempotencyItems;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * For SMS jobs coming out of the DLQ: whether the sender will send them or acknowledge them without sending
 * because their idempotency key is already COMPLETED (sent, failed for good, skipped, expired, or UNKNOWN,
 * which only 'sends resend' sends again) or was abandoned while sending (the sender records it UNKNOWN).
 * Read at the moment of the move; the sender decides for itself when it claims.
 */
final class SenderNoOps implements Consumer<DeadLetter> {
    private final IdempotencyItems items;
    private final Map<String, Integer> noOpsByOutcome = new TreeMap<>();
    private int toSend;
    private int undecodable;

    private final java.util.function.Supplier<java.time.Instant> now;

    SenderNoOps(IdempotencyItems items, java.util.function.Supplier<java.time.Instant> now) {
        this.items = items;
        this.now = now;
    }

    /** The outcome the sender will report without sending, if it will not send: recorded, or UNKNOWN for an abandoned send. */
    private Optional<String> noOpOutcome(SmsJob job) {
        return items.find(job.idempotencyKey()).flatMap(r -> r.completed() ? Optional.of(String.valueOf(r.outcome()))
                : r.abandonedWhileSending(now.get()) ? Optional.of("UNKNOWN") : Optional.empty());
    }

    /** What the sender will make of a job: "no-op (SENT)", "will send", or "undecodable". */
    String verdict(DeadLetter letter) {
        Optional<SmsJob> job = decode(letter.body());
        if (job.isEmpty()) {
            return "undecodable";
        }
        return noOpOutcome(job.get()).map(o -> "no-op (" + o + ")").orElse("will send");
    }

    @Override
    public void accept(DeadLetter letter) {
        Optional<SmsJob> job = decode(letter.body());
        if (job.isEmpty()) {
            undecodable++;
            return;
        }
        Optional<String> outcome = noOpOutcome(job.get());
        if (outcome.isPresent()) {
            noOpsByOutcome.merge(outcome.get(), 1, Integer::sum);
        } else {
            toSend++;
        }
    }

    int noOps() {
        return noOpsByOutcome.values().stream().mapToInt(Integer::intValue).sum();
    }

    Map<String, Integer> noOpsByOutcome() {
        return Map.copyOf(noOpsByOutcome);
    }

    int toSend() {
        return toSend;
    }

    int undecodable() {
        return undecodable;
    }

    private static Optional<SmsJob> decode(String body) {
        try {
            return Optional.of(MessageCodec.decode(body, SmsJob.class));
        } catch (MessageDecodingException e) {
            return Optional.empty();
        }
    }
}
