package dev.placenotify.operator.replay;

import dev.placenotify.model.MessageCodec;
import dev.placenotify.model.MessageDecodingException;
import dev.placenotify.model.SmsJob;
import dev.placenotify.operator.sends.IdempotencyItems;
import dev.placenotify.operator.sends.IdempotencyRecord;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * For SMS jobs coming out of the DLQ: whether the sender will send them or acknowledge them without sending
 * because their idempotency key is already COMPLETED (sent, failed for good, skipped, or UNKNOWN, which only
 * 'sends resend' sends again). Read at the moment of the move; the sender decides for itself when it claims.
 */
final class SenderNoOps implements Consumer<DeadLetter> {
    private final IdempotencyItems items;
    private final Map<String, Integer> noOpsByOutcome = new TreeMap<>();
    private int toSend;
    private int undecodable;

    SenderNoOps(IdempotencyItems items) {
        this.items = items;
    }

    /** What the sender will make of a job: "no-op (SENT)", "will send", or "undecodable". */
    String verdict(DeadLetter letter) {
        Optional<SmsJob> job = decode(letter.body());
        if (job.isEmpty()) {
            return "undecodable";
        }
        return items.find(job.get().idempotencyKey()).filter(IdempotencyRecord::completed)
                .map(r -> "no-op (" + r.outcome() + ")").orElse("will send");
    }

    @Override
    public void accept(DeadLetter letter) {
        Optional<SmsJob> job = decode(letter.body());
        if (job.isEmpty()) {
            undecodable++;
            return;
        }
        Optional<IdempotencyRecord> record = items.find(job.get().idempotencyKey()).filter(IdempotencyRecord::completed);
        if (record.isPresent()) {
            noOpsByOutcome.merge(String.valueOf(record.get().outcome()), 1, Integer::sum);
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
