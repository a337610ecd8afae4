package dev.placenotify.operator.history;

import dev.placenotify.operator.history.HistoryRecords.BookingItem;
import dev.placenotify.operator.history.HistoryRecords.SendItem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * One booking's texts as a timeline, assembled from what the pipeline stores (pure: records in, entries out).
 * The planner's item says which keys were planned and which are still pending; the sender's record of a key
 * says when it was planned (the cycle), whether it waited for another text, and how it ended. A planned key
 * without a send record is reported as such, with the possible reasons, because the pipeline keeps none.
 */
record BookingHistory(String storeId, String bookingId, String customer, String phone, String status, Instant startAt,
                      Instant firstSeenAt, List<Entry> entries) {

    enum Event { FIRST_SEEN, PLANNED, HELD, PENDING, SENDING, SENT, FAILED, SKIPPED, EXPIRED, UNKNOWN, NO_SEND_RECORD,
        FOUND_AT_SENS, ABSENT_AT_SENS, DELIVERED, NOT_DELIVERED, DELIVERY_PENDING }

    /** One line of the timeline; {@code at} is null when the pipeline recorded no time for it. */
    record Entry(Instant at, String rule, String label, String key, Event event, String detail) {}

    static final String NO_RECORD_REASON = "planned, but the sender has no record of it: skipped by the planner (e.g. not a "
            + "mobile number; the reason is in that run's summary), marked done without texting (SEED run, legacy import), "
            + "or its record expired (30 days)";

    static BookingHistory assemble(Optional<BookingItem> booking, List<SendItem> sends) {
        Map<String, SendItem> byKey = new LinkedHashMap<>();
        sends.stream().sorted(Comparator.comparing(SendItem::key)).forEach(s -> byKey.put(s.key(), s));
        List<Entry> entries = new ArrayList<>();
        booking.map(BookingItem::firstSeenAt).ifPresent(at -> entries.add(new Entry(at, null, null, null, Event.FIRST_SEEN,
                "first seen confirmed or completed")));
        for (SendItem s : byKey.values()) {
            entries.add(new Entry(s.plannedFor(), s.rule(), s.label(), s.key(), Event.PLANNED, "run " + s.runId()
                    + (s.notAfter() == null ? "" : ", valid until " + dev.placenotify.operator.Kst.minutes(s.notAfter()))));
            if (s.afterKey() != null) {
                entries.add(new Entry(s.plannedFor(), s.rule(), s.label(), s.key(), Event.HELD,
                        "held until " + s.afterKey() + " has finished"));
            }
            entries.add(outcome(s));
            entries.addAll(delivery(s));
        }
        booking.ifPresent(b -> {
            for (String key : new TreeSet<>(b.plannedKeys())) {
                if (byKey.containsKey(key)) {
                    continue;
                }
                boolean pending = b.pendingKeys().contains(key);
                entries.add(new Entry(null, HistoryRecords.ruleOf(key), null, key, pending ? Event.PENDING : Event.NO_SEND_RECORD,
                        pending ? "planned, on its way to the sender" : NO_RECORD_REASON));
            }
        });
        // Timed entries in order; untimed ones (no record) after them, by key.
        entries.sort(Comparator.comparing(Entry::at, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(e -> e.key() == null ? "" : e.key()).thenComparing(e -> e.event().ordinal()));
        Optional<SendItem> any = byKey.values().stream().findFirst();
        String storeId = booking.map(BookingItem::storeId).or(() -> any.map(SendItem::storeId)).orElse(null);
        String bookingId = booking.map(BookingItem::bookingId).or(() -> any.map(SendItem::bookingId)).orElse(null);
        return new BookingHistory(storeId, bookingId, any.map(SendItem::customer).orElse(null), any.map(SendItem::phone).orElse(null),
                booking.map(BookingItem::status).orElse(null), booking.map(BookingItem::startAt).orElse(null),
                booking.map(BookingItem::firstSeenAt).orElse(null), List.copyOf(entries));
    }

    private static Entry outcome(SendItem s) {
        if (!"COMPLETED".equals(s.state())) {
            return "SENDING".equals(s.state())
                    ? new Entry(s.sendingAt(), s.rule(), s.label(), s.key(), Event.SENDING,
                            "the SENS request may have left; no answer recorded yet (UNKNOWN if its sender died)")
                    : new Entry(s.plannedFor(), s.rule(), s.label(), s.key(), Event.SENDING, "claimed by a sender, not sent yet");
        }
        Event e = switch (s.outcome() == null ? "" : s.outcome()) {
            case "SENT" -> Event.SENT;
            case "FAILED" -> Event.FAILED;
            case "SKIPPED" -> Event.SKIPPED;
            case "EXPIRED" -> Event.EXPIRED;
            default -> Event.UNKNOWN;
        };
        String detail = switch (e) {
            case SENT -> "SENS accepted it" + (s.providerRequestId() == null ? "" : " (request " + s.providerRequestId() + ")")
                    + ("UNKNOWN".equals(s.delivery().resolvedFrom()) ? "; was UNKNOWN until SENS's list showed it" : "");
            case UNKNOWN -> "SENS's answer was lost: only an operator's resend sends it again"
                    + (s.error() == null ? "" : " (" + s.error() + ")");
            default -> s.error() == null ? "" : s.error();
        };
        return new Entry(s.completedAt(), s.rule(), s.label(), s.key(), e, detail);
    }

    /** What the delivery checks found: the evidence for an UNKNOWN, the carrier's result of a sent text. */
    private static List<Entry> delivery(SendItem s) {
        HistoryRecords.DeliveryFacts d = s.delivery();
        List<Entry> out = new ArrayList<>();
        if ("FOUND".equals(d.evidence())) {
            out.add(new Entry(d.evidenceAt(), s.rule(), s.label(), s.key(), Event.FOUND_AT_SENS, d.evidenceDetail()));
        } else if ("ABSENT".equals(d.evidence())) {
            out.add(new Entry(d.evidenceAt(), s.rule(), s.label(), s.key(), Event.ABSENT_AT_SENS, d.evidenceDetail()
                    + "; an operator may resend it ('sends resend')"));
        }
        if (d.delivery() != null) {
            Event e = switch (d.delivery()) {
                case "DELIVERED" -> Event.DELIVERED;
                case "FAILED" -> Event.NOT_DELIVERED;
                default -> Event.DELIVERY_PENDING;
            };
            String detail = switch (e) {
                case DELIVERED -> "the carrier delivered it" + (d.code() == null ? "" : " (code " + d.code() + ")");
                case NOT_DELIVERED -> "the carrier refused it: " + (d.code() == null ? "" : d.code() + " ")
                        + (d.reason() == null ? "" : d.reason());
                default -> d.finalResult() ? "no carrier result within the checks' deadline" : "no carrier result yet";
            };
            out.add(new Entry(d.checkedAt(), s.rule(), s.label(), s.key(), e, detail));
        }
        return out;
    }
}
