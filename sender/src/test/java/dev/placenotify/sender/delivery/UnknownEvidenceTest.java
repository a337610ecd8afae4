package dev.placenotify.sender.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.placenotify.model.ContentType;
import dev.placenotify.model.Messages;
import dev.placenotify.model.SmsJob;
import dev.placenotify.model.SmsType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class UnknownEvidenceTest {
    private static final Instant SENT = Instant.parse("2025-10-22T05:00:03Z"); // 14:00:03 KST
    private static final UnknownEvidence EVIDENCE = new UnknownEvidence(Duration.ofMinutes(2), Duration.ofMinutes(10));
    private static final SmsJob JOB = new SmsJob(Messages.SCHEMA_VERSION, "c20251022T1400", "1051707", "5011", "CONFIRMATION",
            null, null, "01012345678", "0312345678", SmsType.LMS, ContentType.COMM, "안내", "예약이 확정되었습니다",
            "1051707:5011:CONFIRMATION", SENT, SENT.plusSeconds(3600), null);

    private static SensMessageResult listed(String to, String from, String content) {
        return new SensMessageResult("R9", "M9", "2025-10-22 14:00:03", from, to, content, "COMPLETED", "0", "success", "성공",
                "KT", "2025-10-22 14:00:04");
    }

    @Test
    void theSameRecipientSenderAndTextIsFound() {
        var d = EVIDENCE.decide(JOB, List.of(listed("010-1234-5678", "031-234-5678", "예약이 확정되었습니다")), SENT,
                SENT.plusSeconds(120), 1);
        assertThat(d).isInstanceOfSatisfying(UnknownEvidence.Found.class, f -> {
            assertThat(f.message().requestId()).isEqualTo("R9");
            assertThat(f.evidence()).contains("M9", "R9", "010-****-5678").doesNotContain("01012345678");
        });
    }

    @Test
    void anotherTextToTheSameCustomerIsNotThisSend() {
        var d = EVIDENCE.decide(JOB, List.of(listed("01012345678", "0312345678", "상세 안내: 도어락 1234")), SENT,
                SENT.plusSeconds(120), 1);
        assertThat(d).isInstanceOf(UnknownEvidence.NotYet.class);
    }

    @Test
    void nothingListedBeforeTheWindowClosesIsNotYetProof() {
        var d = EVIDENCE.decide(JOB, List.of(), SENT, SENT.plus(Duration.ofMinutes(9)), 2);
        assertThat(d).isEqualTo(new UnknownEvidence.NotYet(SENT.plus(Duration.ofMinutes(10))));
    }

    @Test
    void nothingListedOnceTheWindowClosedIsAbsenceWithTheEvidenceSpelledOut() {
        var d = EVIDENCE.decide(JOB, List.of(), SENT, SENT.plus(Duration.ofMinutes(10)), 3);
        assertThat(d).isInstanceOfSatisfying(UnknownEvidence.Absent.class, a -> assertThat(a.evidence()).isEqualTo(
                "SENS lists no message to 010-****-5678 with this text requested 2025-10-22 13:58:03 – 2025-10-22 14:01:03 KST"
                        + " (3 lookups, the last at 2025-10-22 14:10:03 KST)"));
    }

    @Property
    void absenceIsNeverConcludedWhileTheWindowIsOpenNorWhenTheTextIsListed(
            @ForAll @LongRange(min = 0, max = 3600) long secondsAfter, @ForAll boolean listedSame) {
        Instant now = SENT.plusSeconds(secondsAfter);
        List<SensMessageResult> listed = listedSame ? List.of(listed("01012345678", "0312345678", JOB.content())) : List.of();
        var d = EVIDENCE.decide(JOB, listed, SENT, now, 1);
        if (listedSame) {
            assertThat(d).isInstanceOf(UnknownEvidence.Found.class);
        } else if (secondsAfter < 600) {
            assertThat(d).isInstanceOf(UnknownEvidence.NotYet.class);
        } else {
            assertThat(d).isInstanceOf(UnknownEvidence.Absent.class);
        }
    }
}
