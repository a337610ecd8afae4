package dev.placenotify.bench;

import dev.placenotify.model.ContentType;
import dev.placenotify.model.MessageCodec;
import dev.placenotify.model.SmsJob;
import dev.placenotify.model.SmsType;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Encode and decode of the SMS job, the message every SMS crosses two queues as. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class MessageCodecBenchmark {
    private final SmsJob job = new SmsJob(1, "c20251022T1400", "1051707", "900000001", "CONFIRMATION", null, null,
            "01012345678", "0311234567", SmsType.SMS, ContentType.COMM, null,
            "[화성점] 김민수님, 10월 22일(수) 15:30 예약이 확정되었습니다. 감사합니다.", "1051707:900000001:CONFIRMATION",
            Instant.parse("2025-10-22T05:00:00Z"), Instant.parse("2025-10-22T05:00:00Z").plusSeconds(86_400), null);
    private final String json = MessageCodec.encode(job);

    @Benchmark
    public String encodeSmsJob() {
        return MessageCodec.encode(job);
    }

    @Benchmark
    public SmsJob decodeSmsJob() {
        return MessageCodec.decode(json, SmsJob.class);
    }
}
