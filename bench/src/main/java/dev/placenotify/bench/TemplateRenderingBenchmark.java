package dev.placenotify.bench;

import dev.placenotify.model.Booking;
import dev.placenotify.model.MessageKind;
import dev.placenotify.model.StoreSettings;
import dev.placenotify.planner.core.EucKrText;
import dev.placenotify.planner.core.MessageRenderer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Rendering one message from its template, including making it EUC-KR encodable and sizing it in
 * EUC-KR bytes (SMS up to 90 bytes, else LMS with a subject), and the EUC-KR helpers on their own.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@Threads(1)
public class TemplateRenderingBenchmark {
    private final StoreSettings store = StoreSnapshots.store();
    private final StoreSettings longTemplate = StoreSnapshots.storeWithLongTemplate();
    private final Booking booking = StoreSnapshots.snapshot(store, 10).bookings().get(0);
    private final String smsText = "[화성점] 김민수님, 10월 24일(금) 15:00 예약이 확정되었습니다. 감사합니다.";
    private final String withEmoji = "[화성점] 김민수님 😊 예약이 확정되었습니다 🎉 주차는 지하 2층 ✔ 문의 031-123-4567";

    /** Default confirmation: fits one SMS. */
    @Benchmark
    public MessageRenderer.Rendered renderConfirmationSms() {
        return MessageRenderer.render(MessageKind.CONFIRMATION, store, booking);
    }

    /** A store's own long template with an emoji: sanitized, sized past 90 bytes, LMS with a subject. */
    @Benchmark
    public MessageRenderer.Rendered renderConfirmationLms() {
        return MessageRenderer.render(MessageKind.CONFIRMATION, longTemplate, booking);
    }

    /** The evening advertising SMS: "(광고)" frame and opt-out line around the body. */
    @Benchmark
    public MessageRenderer.Rendered renderEventAdvertisement() {
        return MessageRenderer.render(MessageKind.EVENT, store, booking);
    }

    @Benchmark
    public int eucKrByteLength() {
        return EucKrText.byteLength(smsText);
    }

    @Benchmark
    public String eucKrSanitizeEmoji() {
        return EucKrText.sanitize(withEmoji);
    }
}
