package dev.placenotify.notifier;

import dev.placenotify.model.FetchMode;
import dev.placenotify.model.OutcomeStatus;
import dev.placenotify.model.SmsType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Small builders of tallies for the notifier's unit tests. */
final class Tallies {
    static final Instant CYCLE = Instant.parse("2025-10-22T05:00:00Z");

    private Tallies() {}

    static StoreTally planned(String storeId, int confirmations, int reminders) {
        Map<String, Integer> byKind = new java.util.TreeMap<>();
        byKind.put("CONFIRMATION", confirmations);
        byKind.put("REMINDER", reminders);
        return new StoreTally(storeId, true, null, 1, Set.of(0), Map.of("RC03", confirmations + 2), byKind, 0, List.of());
    }

    static StoreTally failed(String storeId, String reason) {
        return new StoreTally(storeId, false, reason, 1, Set.of(), Map.of(), Map.of(), 0, List.of());
    }

    static StoreTally fetchedNotPlanned(String storeId, int chunks) {
        return new StoreTally(storeId, true, null, chunks, Set.of(0), Map.of("RC03", 3), Map.of(), 0, List.of());
    }

    static OutcomeCounts outcomes(OutcomeStatus status, String kind, int n) {
        OutcomeCounts c = OutcomeCounts.empty();
        if (n > 0) {
            c.byStatusAndKind().computeIfAbsent(status, s -> new java.util.TreeMap<>()).put(kind, n);
            if (status == OutcomeStatus.SENT) {
                c.sentByType().put(SmsType.SMS, n);
            }
        }
        return c;
    }

    /** Characters of a Slack payload as Slack counts them: the fallback text and every text in the blocks. */
    static int slackTotal(com.fasterxml.jackson.databind.JsonNode payload) {
        int total = payload.path("text").asText("").length();
        for (com.fasterxml.jackson.databind.JsonNode block : payload.path("blocks")) {
            total += block.path("text").path("text").asText("").length();
            for (com.fasterxml.jackson.databind.JsonNode e : block.path("elements")) {
                total += e.path("text").asText("").length();
            }
        }
        return total;
    }

    /** The mrkdwn text of a Slack payload's blocks, one block per line, entities decoded. */
    static String slackText(com.fasterxml.jackson.databind.JsonNode payload) {
        StringBuilder text = new StringBuilder();
        for (com.fasterxml.jackson.databind.JsonNode block : payload.path("blocks")) {
            text.append(block.path("text").path("text").asText("")).append('\n');
        }
        return text.toString().replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    static RunTally tally(boolean announced, List<String> announcedStores, Map<String, StoreTally> stores, OutcomeCounts outcomes,
                          Instant firstSeen, Instant deadline) {
        return new RunTally("c20251022T1400", CYCLE, FetchMode.NORMAL, announced, announcedStores, stores, outcomes,
                RunTally.Status.OPEN, firstSeen, deadline);
    }
}
