package dev.placenotify.fetcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.placenotify.model.Booking;
import dev.placenotify.model.BookingOption;
import dev.placenotify.model.BookingSnapshot;
import dev.placenotify.model.DateWindow;
import dev.placenotify.model.FetchMode;
import dev.placenotify.model.FetchRequest;
import dev.placenotify.model.FormAnswer;
import dev.placenotify.model.MessageCodec;
import dev.placenotify.model.SkippedItem;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class SnapshotChunkerTest {
    static final int SQS_LIMIT = 256 * 1024;
    private static final Instant CYCLE = Instant.parse("2025-10-22T05:00:00Z");
    private static final FetchRequest REQUEST = FetchRequest.of("c20251022T1400", "1051707",
            new DateWindow(LocalDate.of(2025, 10, 22), LocalDate.of(2025, 11, 5)), FetchMode.NORMAL, CYCLE);

    @Test
    void aStoreOf1200BookingsSplitsIntoChunksUnder256KbThatTogetherHoldEveryBooking() {
        List<Booking> bookings = bookings(1_200, new Random(1));
        List<SkippedItem> skipped = List.of(new SkippedItem("x1", "unreadable booking from Naver: entry is not an object"));

        List<BookingSnapshot> chunks = new SnapshotChunker(200 * 1024).split(REQUEST, CYCLE, bookings, skipped);

        assertThat(chunks).hasSizeGreaterThan(1);
        for (int i = 0; i < chunks.size(); i++) {
            BookingSnapshot c = chunks.get(i);
            int bytes = MessageCodec.encode(c).getBytes(StandardCharsets.UTF_8).length;
            assertThat(bytes).as("chunk %d encoded size", i).isLessThan(SQS_LIMIT).isLessThanOrEqualTo(200 * 1024);
            assertThat(c.bookings()).as("chunk %d", i).isNotEmpty();
            assertThat(c.chunkIndex()).isEqualTo(i);
            assertThat(c.chunkCount()).isEqualTo(chunks.size());
            assertThat(c.runId()).isEqualTo(REQUEST.runId());
            assertThat(c.storeId()).isEqualTo(REQUEST.storeId());
            assertThat(c.cycleAt()).isEqualTo(CYCLE);
            assertThat(c.window()).isEqualTo(REQUEST.window());
            // Fetch-time skips travel once, with the first chunk, so they are counted once.
            assertThat(c.skipped()).isEqualTo(i == 0 ? skipped : List.of());
        }
        assertThat(chunks.stream().flatMap(c -> c.bookings().stream()).toList()).isEqualTo(bookings);
        // The chunks round-trip through the message codec unchanged.
        assertThat(chunks).allSatisfy(c ->
                assertThat(MessageCodec.decode(MessageCodec.encode(c), BookingSnapshot.class)).isEqualTo(c));
    }

    /** Issue 12: options and form answers travel in the snapshot; chunks still stay under SQS's limit. */
    @Test
    void bookingsWithOptionsAndFormAnswersStillSplitIntoChunksUnder256Kb() {
        Random random = new Random(3);
        List<Booking> bookings = bookings(1_200, random).stream().map(b -> withOptions(b, random)).toList();

        List<BookingSnapshot> chunks = new SnapshotChunker(200 * 1024).split(REQUEST, CYCLE, bookings, List.of());

        assertThat(chunks).hasSizeGreaterThan(2);
        for (BookingSnapshot c : chunks) {
            assertThat(MessageCodec.encode(c).getBytes(StandardCharsets.UTF_8).length).isLessThan(SQS_LIMIT)
                    .isLessThanOrEqualTo(200 * 1024);
        }
        List<Booking> travelled = chunks.stream()
                .flatMap(c -> MessageCodec.decode(MessageCodec.encode(c), BookingSnapshot.class).bookings().stream()).toList();
        assertThat(travelled).isEqualTo(bookings);
        assertThat(travelled).allSatisfy(b -> assertThat(b.options()).isNotEmpty());
    }

    /** The parser's caps keep even the largest booking it can produce well inside one chunk. */
    @Test
    void aBookingAtTheParsersCapsFitsInOneChunkWithRoomToSpare() {
        List<BookingOption> options = new ArrayList<>();
        List<FormAnswer> answers = new ArrayList<>();
        for (int i = 0; i < NaverBookingParser.MAX_OPTIONS; i++) {
            options.add(new BookingOption(Integer.toString(20_000_000 + i), "옵".repeat(NaverBookingParser.MAX_NAME_CHARS), 99));
        }
        for (int i = 0; i < NaverBookingParser.MAX_FORM_ANSWERS; i++) {
            answers.add(new FormAnswer("제".repeat(NaverBookingParser.MAX_NAME_CHARS), "값".repeat(NaverBookingParser.MAX_ANSWER_CHARS)));
        }
        Booking base = bookings(1, new Random(4)).get(0);
        Booking largest = new Booking(base.bookingId(), base.businessId(), base.bizItemName(), base.status(), base.name(),
                base.phone(), base.bookingCount(), base.regDateTime(), base.startDate(), base.startAt(), base.endAt(), options,
                answers, true);

        List<BookingSnapshot> chunks = new SnapshotChunker(200 * 1024).split(REQUEST, CYCLE, List.of(largest, largest), List.of());

        int bytes = MessageCodec.encode(largest).getBytes(StandardCharsets.UTF_8).length;
        assertThat(bytes).isLessThan(100 * 1024);
        assertThat(chunks).hasSize(1);
        assertThat(MessageCodec.encode(chunks.get(0)).getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(200 * 1024);
    }

    private static Booking withOptions(Booking b, Random random) {
        String[] names = {"110분/1~4인촬영", "네이버 리뷰 이벤트 (원본 제공)", "인스타 태그 이벤트", "전문가 보정 2컷", "추가 인원 1인"};
        List<BookingOption> options = new ArrayList<>();
        for (int i = 0; i <= random.nextInt(3); i++) {
            options.add(new BookingOption(Integer.toString(20_266_300 + random.nextInt(100)), names[random.nextInt(names.length)],
                    1 + random.nextInt(3)));
        }
        List<FormAnswer> answers = List.of(new FormAnswer("리뷰 이벤트", random.nextBoolean() ? "네~ :)" : "아니요"),
                new FormAnswer("요청사항", "유모차가 있어요. 주차 가능한가요?"));
        return new Booking(b.bookingId(), b.businessId(), b.bizItemName(), b.status(), b.name(), b.phone(), b.bookingCount(),
                b.regDateTime(), b.startDate(), b.startAt(), b.endAt(), options, answers, random.nextInt(20) == 0);
    }

    @Test
    void aStoreWithoutBookingsStillProducesOneChunkSoItIsAccountedFor() {
        List<BookingSnapshot> chunks = new SnapshotChunker(200 * 1024).split(REQUEST, CYCLE, List.of(), List.of());

        assertThat(chunks).hasSize(1);
        assertThat(chunks.get(0).chunkIndex()).isZero();
        assertThat(chunks.get(0).chunkCount()).isEqualTo(1);
        assertThat(chunks.get(0).bookings()).isEmpty();
    }

    @Test
    void aSmallStoreIsOneChunk() {
        List<BookingSnapshot> chunks = new SnapshotChunker(200 * 1024).split(REQUEST, CYCLE, bookings(30, new Random(2)),
                List.of());

        assertThat(chunks).hasSize(1);
        assertThat(chunks.get(0).bookings()).hasSize(30);
    }

    @Property(tries = 60)
    void everyChunkFitsTheBudgetAndNoBookingIsLostOrReordered(@ForAll @IntRange(min = 0, max = 600) int count,
                                                              @ForAll @IntRange(min = 4, max = 64) int budgetKb,
                                                              @ForAll long seed) {
        int budget = budgetKb * 1024;
        List<Booking> bookings = bookings(count, new Random(seed));

        List<BookingSnapshot> chunks = new SnapshotChunker(budget).split(REQUEST, CYCLE, bookings, List.of());

        assertThat(chunks).isNotEmpty();
        for (int i = 0; i < chunks.size(); i++) {
            assertThat(chunks.get(i).chunkIndex()).isEqualTo(i);
            assertThat(chunks.get(i).chunkCount()).isEqualTo(chunks.size());
            assertThat(MessageCodec.encode(chunks.get(i)).getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(budget);
            if (count > 0) {
                assertThat(chunks.get(i).bookings()).isNotEmpty();
            }
        }
        assertThat(chunks.stream().flatMap(c -> c.bookings().stream()).toList()).isEqualTo(bookings);
    }

    /** Bookings with every field filled and Korean text, as large as real ones get. */
    static List<Booking> bookings(int count, Random random) {
        String[] names = {"김민수", "이서연", "박지훈", "최하은", "정도윤", "남궁민준"};
        String[] items = {"키즈룸 2시간 (주말 특가, 음료 포함)", "파티룸 3시간", "스터디룸 2시간", "놀이방 1시간 + 보호자 1인"};
        List<Booking> out = new ArrayList<>(count);
        Instant day = Instant.parse("2025-10-22T01:00:00Z");
        for (int i = 0; i < count; i++) {
            Instant start = day.plus(Duration.ofHours(random.nextInt(14 * 24)));
            out.add(new Booking(Long.toString(900_000_000L + i), "1051707", items[random.nextInt(items.length)],
                    random.nextInt(10) == 0 ? "RC04" : "RC03", names[random.nextInt(names.length)],
                    String.format("010-%04d-%04d", random.nextInt(10_000), random.nextInt(10_000)), 1 + random.nextInt(8),
                    start.minus(Duration.ofDays(3)), LocalDate.ofInstant(start, java.time.ZoneId.of("Asia/Seoul")), start,
                    start.plus(Duration.ofHours(2))));
        }
        return out;
    }
}
