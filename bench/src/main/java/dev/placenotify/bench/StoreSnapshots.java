package dev.placenotify.bench;

import dev.placenotify.model.Booking;
import dev.placenotify.model.BookingOption;
import dev.placenotify.model.MessageTemplate;
import dev.placenotify.model.Messages;
import dev.placenotify.model.StoreCatalog;
import dev.placenotify.model.StoreSettings;
import dev.placenotify.planner.core.BookingState;
import dev.placenotify.planner.rules.RuleSet;
import dev.placenotify.planner.rules.RuleSetParser;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * A realistic store snapshot for the planner, shaped like the cycle benchmark's generated workload: per
 * 50 bookings 5 new (a confirmation each), 5 known and due for their reminder, 10 completed today (all
 * with the review-event option), 2 cancelled and 28 known bookings further ahead, with the states a
 * previous cycle stored for the known ones. Decided by the default (v2) rules.
 */
final class StoreSnapshots {
    static final Instant CYCLE = ZonedDateTime.of(2025, 10, 22, 14, 0, 0, 0, Messages.KST).toInstant();
    static final Instant EVENING = ZonedDateTime.of(2025, 10, 22, 20, 0, 0, 0, Messages.KST).toInstant();
    static final Duration STATE_TTL = Duration.ofDays(30);
    private static final String[] NAMES = {"김민수", "이서연", "박지훈", "최하은", "정도윤", "강수아", "조예준", "윤지민"};
    private static final String[] ITEMS = {"키즈룸 2시간", "파티룸 3시간", "스터디룸 2시간", "놀이방 1시간"};

    private StoreSnapshots() {}

    static final RuleSet RULES = RuleSetParser.defaults();

    /** 화성 새솔점 as in the bundled stores.json (its own guide, the chain's variables). */
    static StoreSettings store() {
        return StoreCatalog.load(Optional.empty()).require("1051707");
    }

    /** A one-line confirmation that fits one SMS (90 bytes). */
    static final MessageTemplate SHORT = new MessageTemplate(null, "[{storeName}] {customerName}님, {date} {time} 예약이 확정되었습니다.");

    /** A short advertising text the renderer frames with "(광고)" and the opt-out line. */
    static final MessageTemplate PROMOTION = new MessageTemplate(null, "{customerName}님, 다음 방문 때 쓰실 수 있는 쿠폰을 드려요 😊");

    record Snapshot(List<Booking> bookings, Map<String, BookingState> stored) {}

    static Snapshot snapshot(StoreSettings store, int size) {
        Random random = new Random(size);
        Instant day = LocalDate.ofInstant(CYCLE, Messages.KST).atStartOfDay(Messages.KST).toInstant();
        List<Booking> bookings = new ArrayList<>();
        Map<String, BookingState> stored = new HashMap<>();
        int fresh = size / 10;
        int due = size / 10;
        int completed = size / 5;
        int cancelled = Math.max(1, size / 25);
        long id = 900_000_000L;
        for (int i = 0; i < size; i++) {
            String bookingId = Long.toString(id++);
            String status;
            Instant start;
            boolean known = true;
            if (i < fresh) {
                status = "RC03";
                start = day.plus(Duration.ofDays(2 + i % 12)).plus(Duration.ofHours(15));
                known = false;
            } else if (i < fresh + due) {
                status = "RC03";
                start = CYCLE.plus(Duration.ofMinutes(30 + (i % 5) * 20L));
            } else if (i < fresh + due + completed) {
                status = "RC08";
                start = day.plus(Duration.ofHours(9)).plus(Duration.ofMinutes(30L * (i % 8)));
            } else if (i < fresh + due + completed + cancelled) {
                status = "RC04";
                start = day.plus(Duration.ofDays(1 + random.nextInt(13))).plus(Duration.ofHours(11));
            } else {
                status = "RC03";
                start = day.plus(Duration.ofDays(1 + random.nextInt(13))).plus(Duration.ofHours(10 + random.nextInt(11)));
            }
            String phone = String.format("010-%04d-%04d", 1000 + random.nextInt(9000), random.nextInt(10000));
            List<BookingOption> options = status.equals("RC08")
                    ? List.of(new BookingOption("20266307", "110분/1~4인촬영", 1), new BookingOption("20266308", "네이버 리뷰 이벤트", 1))
                    : List.of(new BookingOption("20266307", "110분/1~4인촬영", 1));
            bookings.add(new Booking(bookingId, store.storeId(), ITEMS[random.nextInt(ITEMS.length)], status,
                    NAMES[random.nextInt(NAMES.length)], phone, 1 + random.nextInt(4), start.minus(Duration.ofDays(3)),
                    LocalDate.ofInstant(start, Messages.KST), start, start.plus(Duration.ofHours(2)), options, List.of(), false));
            if (known) {
                // What the previous cycle stored: confirmed, its confirmation sent.
                stored.put(bookingId, new BookingState(bookingId, "RC03", start,
                        Set.of(store.storeId() + ":" + bookingId + ":CONFIRMATION"), Set.of(), 2, start.plus(STATE_TTL),
                        CYCLE.minus(Duration.ofDays(3)), CYCLE.minus(Duration.ofMinutes(20))));
            }
        }
        return new Snapshot(List.copyOf(bookings), Map.copyOf(stored));
    }
}
