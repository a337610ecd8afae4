package dev.placenotify.operator.sends;

import dev.placenotify.model.DeliveryCheck;
import dev.placenotify.model.MessageCodec;
import dev.placenotify.operator.OperatorContext;
import dev.placenotify.model.Topology;
import java.time.Instant;
import java.util.List;

/**
 * {@code sends unknown --check}: one evidence check per listed UNKNOWN send on the delivery-check queue, due now.
 * The delivery-check function does the lookup (docs/sender.md, "UNKNOWN resolved by evidence"); the search
 * window is around the record's {@code completedAt}. A send whose sender died (not recorded UNKNOWN yet) is
 * skipped: its next delivery records it first.
 */
final class EvidenceChecks {
    private EvidenceChecks() {}

    static void enqueue(OperatorContext ctx, List<UnknownSend> unknown) {
        String queueUrl = ctx.target().queueUrl(Topology.DELIVERY);
        Instant now = ctx.clock().instant();
        int n = 0;
        for (UnknownSend u : unknown) {
            if (u.abandoned() || u.completedAt() == null || u.provenAbsent()) {
                continue;
            }
            DeliveryCheck check = DeliveryCheck.first(u.runId(), u.key(), DeliveryCheck.Purpose.EVIDENCE,
                    Instant.parse(u.completedAt()), now);
            ctx.sqs().sendMessage(b -> b.queueUrl(queueUrl).messageBody(MessageCodec.encode(check)));
            n++;
        }
        ctx.out().println(n + " evidence check(s) enqueued: SENS is asked within a minute; run 'sends unknown' again to see"
                + " the evidence (found sends become SENT and leave the list)");
    }
}
