package dev.placenotify.fetcher;

import dev.placenotify.model.Booking;
import dev.placenotify.model.BookingSnapshot;
import dev.placenotify.model.FetchRequest;
import dev.placenotify.model.MessageCodec;
import dev.placenotify.model.Messages;
import dev.placenotify.model.SkippedItem;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a store's bookings into snapshot messages that each stay under a byte budget (SQS's common
 * 256 KB limit, with headroom), so a large store never produces an unsendable message.
 */
public final class SnapshotChunker {
    private final int maxBytes;

    public SnapshotChunker(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    public List<BookingSnapshot> split(FetchRequest request, Instant fetchedAt, List<Booking> bookings,
                                       List<SkippedItem> skipped) {
        int envelope = utf8(MessageCodec.encode(snapshot(request, fetchedAt, 0, 1, List.of(), skipped))) + 64;
        List<List<Booking>> groups = new ArrayList<>();
        List<Booking> current = new ArrayList<>();
        int size = envelope;
        for (Booking b : bookings) {
            int bytes = utf8(MessageCodec.encode(b)) + 1;
            if (!current.isEmpty() && size + bytes > maxBytes) {
                groups.add(current);
                current = new ArrayList<>();
                size = envelope;
            }
            current.add(b);
            size += bytes;
        }
        groups.add(current);
        List<BookingSnapshot> chunks = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            // Fetch-time skips travel once, with the first chunk, so they are reported once.
            chunks.add(snapshot(request, fetchedAt, i, groups.size(), groups.get(i), i == 0 ? skipped : List.of()));
        }
        return chunks;
    }

    private static BookingSnapshot snapshot(FetchRequest r, Instant fetchedAt, int index, int count, List<Booking> b,
                                            List<SkippedItem> skipped) {
        return new BookingSnapshot(Messages.SCHEMA_VERSION, r.runId(), r.storeId(), r.cycleAt(), fetchedAt, r.mode(),
                r.window(), index, count, b, skipped);
    }

    private static int utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
