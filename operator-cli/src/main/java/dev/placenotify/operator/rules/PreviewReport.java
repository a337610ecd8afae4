package dev.placenotify.operator.rules;

import dev.placenotify.model.ContentType;
import dev.placenotify.model.RunNote;
import dev.placenotify.model.SmsType;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What one rule set would do at one moment for the previewed stores' bookings: per enabled rule (in run
 * order) the texts it would send and the summary lines it would add, and the bookings or texts the
 * planner would skip, with the reason. Names are masked; {@code text} is the rendered SMS with the
 * customer's name masked, printed only on request (branch guides hold door codes).
 */
public record PreviewReport(Instant at, String rulesSource, List<RuleResult> rules, List<SkipLine> skipped) {
    public PreviewReport {
        rules = List.copyOf(rules);
        skipped = List.copyOf(skipped);
    }

    public List<TextLine> texts() {
        return rules.stream().flatMap(r -> r.texts().stream()).toList();
    }

    public List<NoteLine> notes() {
        return rules.stream().flatMap(r -> r.notes().stream()).toList();
    }

    /** One enabled rule: {@code sends}/{@code notes} say what it can do, the lists what it would do now. */
    public record RuleResult(String id, String label, int priority, boolean sends, boolean addsNotes,
                             List<TextLine> texts, List<NoteLine> notes) {
        public RuleResult {
            texts = List.copyOf(texts);
            notes = List.copyOf(notes);
        }
    }

    public record TextLine(String rule, String label, String storeId, String storeName, String bookingId, String customer,
                           String last4, SmsType type, ContentType contentType, String key, Instant notAfter,
                           String subject, String text, String afterKey) {}

    public record NoteLine(String rule, String label, String storeId, String storeName, String bookingId, String customer,
                           String last4, Set<RunNote.Channel> channels, String key, String text) {
        public NoteLine {
            channels = Set.copyOf(channels);
        }
    }

    public record SkipLine(String storeId, String storeName, String bookingId, String reason) {}
}
