package dev.placenotify.sender;

import static org.assertj.core.api.Assertions.assertThat;

import dev.placenotify.model.ContentType;
import dev.placenotify.model.SmsJob;
import dev.placenotify.model.SmsType;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class SensContentRulesTest {

    @Test
    void aPlainKoreanConfirmationPasses() {
        assertThat(SensContentRules.violation(TestJobs.sms("1", "01012345678", "[화성점] 예약이 확정되었습니다."))).isEmpty();
    }

    @Test
    void smsLimitIsNinetyEucKrBytesWithHangulCountingTwo() {
        assertThat(SensContentRules.violation(TestJobs.sms("1", "01012345678", "가".repeat(45)))).isEmpty();
        assertThat(SensContentRules.violation(TestJobs.sms("1", "01012345678", "가".repeat(45) + "a")))
                .hasValueSatisfying(v -> assertThat(v).contains("91 bytes").contains("SMS limit of 90"));
    }

    @Test
    void lmsLimitIsTwoThousandBytes() {
        SmsJob ok = TestJobs.job("1", "01012345678", SmsType.LMS, ContentType.COMM, "제목", "가".repeat(1000));
        SmsJob tooLong = TestJobs.job("1", "01012345678", SmsType.LMS, ContentType.COMM, "제목", "가".repeat(1000) + "a");
        assertThat(SensContentRules.violation(ok)).isEmpty();
        assertThat(SensContentRules.violation(tooLong)).hasValueSatisfying(v -> assertThat(v).contains("2001 bytes"));
    }

    @Test
    void charactersOutsideEucKrAreRefusedEmojiIncluded() {
        assertThat(SensContentRules.violation(TestJobs.sms("1", "01012345678", "예약 확정 🎉")))
                .hasValueSatisfying(v -> assertThat(v).contains("EUC-KR"));
        // A modern Hangul syllable that KS X 1001 lacks.
        assertThat(SensContentRules.violation(TestJobs.sms("1", "01012345678", "똠양꿍")))
                .hasValueSatisfying(v -> assertThat(v).contains("EUC-KR"));
    }

    @Test
    void lmsSubjectIsAtMostFortyBytes() {
        SmsJob ok = TestJobs.job("1", "01012345678", SmsType.LMS, ContentType.COMM, "가".repeat(20), "본문");
        SmsJob tooLong = TestJobs.job("1", "01012345678", SmsType.LMS, ContentType.COMM, "가".repeat(20) + "a", "본문");
        assertThat(SensContentRules.violation(ok)).isEmpty();
        assertThat(SensContentRules.violation(tooLong)).hasValueSatisfying(v -> assertThat(v).contains("subject"));
    }

    @Test
    void advertisingMustStartWithTheAdMarker() {
        SmsJob marked = TestJobs.job("1", "01012345678", SmsType.SMS, ContentType.AD, null, "(광고) 오늘 이벤트");
        SmsJob unmarked = TestJobs.job("1", "01012345678", SmsType.SMS, ContentType.AD, null, "오늘 이벤트");
        assertThat(SensContentRules.violation(marked)).isEmpty();
        assertThat(SensContentRules.violation(unmarked)).hasValueSatisfying(v -> assertThat(v).contains("(광고)"));
    }

    @Test
    void numbersMustBeDigitsOnly() {
        assertThat(SensContentRules.violation(TestJobs.sms("1", "010-1234-5678", "x"))).isPresent();
        assertThat(SensContentRules.violation(TestJobs.sms("1", "0101234", "x"))).isPresent();
        SmsJob badFrom = new SmsJob(1, "r", "s", "b", "CONFIRMATION", null, null, "01012345678",
                "031-234-5678", SmsType.SMS, ContentType.COMM, null, "x", "k", TestJobs.CYCLE, TestJobs.CYCLE.plusSeconds(86_400), null);
        assertThat(SensContentRules.violation(badFrom)).isPresent();
    }

    @Property
    void asciiSmsPassesExactlyUpToNinetyCharacters(@ForAll @IntRange(min = 1, max = 200) int length) {
        boolean passes = SensContentRules.violation(TestJobs.sms("1", "01012345678", "a".repeat(length))).isEmpty();
        assertThat(passes).isEqualTo(length <= 90);
    }

    @Property
    void oneCharacterOutsideEucKrAlwaysFails(@ForAll @IntRange(min = 0, max = 40) int position) {
        String content = "가".repeat(40);
        String withEmoji = content.substring(0, position) + "😀" + content.substring(position);
        assertThat(SensContentRules.violation(TestJobs.job("1", "01012345678", SmsType.LMS, ContentType.COMM, null, withEmoji)))
                .isPresent();
    }
}
