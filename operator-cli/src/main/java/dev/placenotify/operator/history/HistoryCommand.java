package dev.placenotify.operator.history;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.placenotify.model.MessageCodec;
import dev.placenotify.model.StoreSettings;
import dev.placenotify.operator.Kst;
import dev.placenotify.operator.OperatorCommand;
import dev.placenotify.operator.OperatorContext;
import dev.placenotify.operator.OperatorException;
import dev.placenotify.operator.history.HistoryRecords.BookingItem;
import dev.placenotify.operator.history.HistoryRecords.SendItem;
import dev.placenotify.model.Topology;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Every text planned, held, sent, failed, expired or skipped for a booking, a phone number or a store's day,
 * with rule, time and reason, masked; read-only, from the bookings and idempotency tables (30-day TTL).
 */
@Command(name = "history", description = "every text planned, held, sent, failed, expired or skipped for a booking "
        + "(--booking ID [--store ID]), a phone (--phone NUMBER) or a store's day (--store ID --date YYYY-MM-DD); masked")
public final class HistoryCommand extends OperatorCommand {
    @Option(names = "--booking", paramLabel = "ID", description = "Naver booking id")
    String booking;

    @Option(names = "--store", paramLabel = "ID", description = "store (Naver business) id; with --booking it narrows the look-up")
    String store;

    @Option(names = "--phone", paramLabel = "NUMBER", description = "customer phone number (any format); found by its hash")
    String phone;

    @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "with --store: bookings starting that day (KST)")
    String date;

    @Option(names = "--json", description = "machine-readable output")
    boolean json;

    @Override
    protected int run(OperatorContext ctx) {
        HistoryReader reader = new HistoryReader(ctx.dynamo(), ctx.target().table(Topology.BOOKINGS),
                ctx.target().table(Topology.IDEMPOTENCY));
        List<BookingHistory> found;
        if (booking != null) {
            found = byBooking(ctx, reader);
        } else if (phone != null) {
            found = byPhone(reader);
        } else if (store != null && date != null) {
            found = byDay(reader);
        } else {
            throw new OperatorException("name what to look up: --booking ID [--store ID], --phone NUMBER, or --store ID --date YYYY-MM-DD");
        }
        if (json) {
            ctx.out().println(toJson(found).toPrettyString());
            return OK;
        }
        if (found.isEmpty()) {
            ctx.out().println("no record found (records are kept 30 days after their last change)");
            return OK;
        }
        found.forEach(h -> print(ctx, h));
        return OK;
    }

    private List<BookingHistory> byBooking(OperatorContext ctx, HistoryReader reader) {
        List<String> stores = store != null ? List.of(store) : ctx.catalog().all().stream().map(StoreSettings::storeId).toList();
        List<BookingHistory> out = new ArrayList<>();
        for (String s : stores) {
            Optional<BookingItem> item = reader.booking(s, booking);
            List<SendItem> sends = reader.sendsOfBooking(s, booking);
            if (item.isPresent() || !sends.isEmpty()) {
                out.add(BookingHistory.assemble(item, sends));
            }
        }
        return out;
    }

    private List<BookingHistory> byPhone(HistoryReader reader) {
        Map<String, List<SendItem>> byBooking = new LinkedHashMap<>();
        for (SendItem s : reader.sendsOfPhone(phone)) {
            byBooking.computeIfAbsent(s.storeId() + "#" + s.bookingId(), k -> new ArrayList<>()).add(s);
        }
        List<BookingHistory> out = new ArrayList<>();
        byBooking.values().forEach(sends -> out.add(BookingHistory.assemble(
                reader.booking(sends.get(0).storeId(), sends.get(0).bookingId()), sends)));
        return out;
    }

    private List<BookingHistory> byDay(HistoryReader reader) {
        LocalDate day;
        try {
            day = LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            throw new OperatorException("--date must be YYYY-MM-DD, was " + date);
        }
        return reader.bookingsOn(store, day).stream()
                .map(b -> BookingHistory.assemble(Optional.of(b), reader.sendsOfBooking(b.storeId(), b.bookingId()))).toList();
    }

    private static void print(OperatorContext ctx, BookingHistory h) {
        var out = ctx.out();
        String storeName = h.storeId() == null ? "" : ctx.catalog().find(h.storeId()).map(s -> " " + s.name()).orElse("");
        out.println("booking " + h.bookingId() + " · store " + h.storeId() + storeName
                + (h.customer() == null ? "" : " · " + h.customer() + " " + h.phone())
                + (h.status() == null ? "" : " · " + h.status())
                + (h.startAt() == null ? "" : " · starts " + Kst.minutes(h.startAt())));
        for (BookingHistory.Entry e : h.entries()) {
            out.printf("  %-16s  %-13s %-8s %-14s %s%n", e.at() == null ? "(no time)" : Kst.minutes(e.at()),
                    e.rule() == null ? "" : e.rule(), e.label() == null ? "" : e.label(), e.event(), e.detail());
        }
        out.println();
    }

    private static ArrayNode toJson(List<BookingHistory> found) {
        ArrayNode list = MessageCodec.mapper().createArrayNode();
        for (BookingHistory h : found) {
            ObjectNode o = list.addObject().put("storeId", h.storeId()).put("bookingId", h.bookingId())
                    .put("customer", h.customer()).put("phone", h.phone()).put("status", h.status())
                    .put("startAt", h.startAt() == null ? null : h.startAt().toString());
            ArrayNode entries = o.putArray("entries");
            h.entries().forEach(e -> entries.addObject().put("at", e.at() == null ? null : e.at().toString())
                    .put("rule", e.rule()).put("label", e.label()).put("key", e.key()).put("event", e.event().name())
                    .put("detail", e.detail()));
        }
        return list;
    }
}
