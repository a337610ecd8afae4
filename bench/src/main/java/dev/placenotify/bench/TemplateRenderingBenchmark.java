package dev.placenotify.bench;

import dev.placenotify.model.Booking;
import dev.placenotify.model.ContentType;
import dev.placenotify.model.MessageTemplate;
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
    private final MessageTemplate confirmation = StoreSnapshots.RULES.template("confirmation", store).orElseThrow();
    private final MessageTemplate guide = StoreSnapshots.RULES.template("guide", store).orElseThrow();
    private final Booking booking = StoreSnapshots.snapshot(store, 10).bookings().get(0);
    private final StoreSettings advertiser = new StoreSettings(store.storeId(), store.name(), null, store.callbackNumber(),
            store.phone(), null, store.templates(), store.vars(), "0801234567", null);
    private final String smsText = "[화성점] 김민수님, 10월 24일(금) 15:00 예약이 확정되었습니다. 감사합니다.";
    private final String withEmoji = "[화성점] 김민수님 😊 예약이 확정되었습니다 🎉 주차는 지하 2층 ✔ 문의 031-123-4567";

    /** A one-line confirmation: fits one SMS. */
    @Benchmark
    public MessageRenderer.Rendered renderConfirmationSms() {
        return MessageRenderer.render("예약확정", ContentType.COMM, StoreSnapshots.SHORT, store, booking).orElseThrow();
    }

    /** The default (v2) confirmation: the chain's long usage guide, an LMS with a subject. */
    @Benchmark
    public MessageRenderer.Rendered renderConfirmationLms() {
        return MessageRenderer.render("예약확정", ContentType.COMM, confirmation, store, booking).orElseThrow();
    }

    /** The branch's own guide with its variables (door code, Wi-Fi, address), an LMS. */
    @Benchmark
    public MessageRenderer.Rendered renderBranchGuide() {
        return MessageRenderer.render("상세안내", ContentType.COMM, guide, store, booking).orElseThrow();
    }

    /** An advertising text: "(광고)" frame and opt-out line around the body, emoji removed. */
    @Benchmark
    public MessageRenderer.Rendered renderAdvertisement() {
        return MessageRenderer.render("광고", ContentType.AD, StoreSnapshots.PROMOTION, advertiser, booking).orElseThrow();
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
