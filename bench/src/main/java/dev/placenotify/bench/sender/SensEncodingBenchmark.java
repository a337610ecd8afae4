package dev.placenotify.bench.sender;

import dev.placenotify.model.ContentType;
import dev.placenotify.model.Messages;
import dev.placenotify.model.SmsJob;
import dev.placenotify.model.SmsType;
import dev.placenotify.sender.IdempotencyStore;
import dev.placenotify.sender.SensClient;
import dev.placenotify.sender.SensContentRules;
import dev.placenotify.sender.SensRequest;
import dev.placenotify.sender.SensSignature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The CPU the sender spends per SENS request and per job, without I/O: the HMAC signature, the JSON
 * body of a full (100) and a single request, the EUC-KR content rules and the payload hash a claim
 * carries. How to run it: docs/sender.md, "Performance".
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class SensEncodingBenchmark {
    private static final Instant CYCLE = Instant.parse("2025-10-22T05:00:00Z"); // 14:00 KST

    private SensRequest full;
    private SensRequest single;
    private List<SmsJob> jobs;

    @Setup
    public void setUp() {
        jobs = new ArrayList<>();
        for (int i = 0; i < SensRequest.MAX_MESSAGES; i++) {
            jobs.add(sms("bench" + i, "010" + (10_000_000 + i),
                    "[화성점] 홍길동님, 10월 22일 15:00 예약이 확정되었습니다. 예약번호 " + (1_000_000 + i)));
        }
        full = new SensRequest("0312345678", SmsType.SMS, ContentType.COMM, jobs);
        single = new SensRequest("0312345678", SmsType.SMS, ContentType.COMM, jobs.subList(0, 1));
    }

    @Benchmark
    public String signature() {
        return SensSignature.sign("ExampleSecretKey0123456789", "POST",
                "/sms/v2/services/ncp:sms:kr:123456789012:place-notify/messages", 1729573200000L, "AKIAEXAMPLEACCESS");
    }

    @Benchmark
    public String bodyOf100() {
        return SensClient.body(full);
    }

    @Benchmark
    public String bodyOf1() {
        return SensClient.body(single);
    }

    @Benchmark
    public void contentRulesOf100(Blackhole bh) {
        for (SmsJob job : jobs) {
            Optional<String> v = SensContentRules.violation(job);
            bh.consume(v);
        }
    }

    @Benchmark
    public void payloadHashesOf100(Blackhole bh) {
        for (SmsJob job : jobs) {
            bh.consume(IdempotencyStore.payloadHash(job));
        }
    }

    /** Built like the sender tests' {@code TestJobs.sms}, so the figures compare with the runs measured in sender. */
    private static SmsJob sms(String bookingId, String recipient, String content) {
        return new SmsJob(Messages.SCHEMA_VERSION, "c20251022T1400", "1051707", bookingId, "CONFIRMATION", null, null,
                recipient, "0312345678", SmsType.SMS, ContentType.COMM, null, content, "1051707:" + bookingId + ":CONFIRMATION",
                CYCLE, CYCLE.plusSeconds(86_400), null);
    }
}
