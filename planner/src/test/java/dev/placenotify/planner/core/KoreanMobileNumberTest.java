package dev.placenotify.planner.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KoreanMobileNumberTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "010-1234-5678      | 01012345678",
            "01012345678        | 01012345678",
            "+82 10-1234-5678   | 01012345678",
            "+821012345678      | 01012345678",
            "+82 010 1234 5678  | 01012345678",
            "82-10-1234-5678    | 01012345678",
            "0082-10-1234-5678  | 01012345678",
            "(010) 1234 5678    | 01012345678",
            "010.1234.5678      | 01012345678",
            "' 010 1234 5678 '  | 01012345678",
            "011-123-4567       | 0111234567",
            "016-1234-5678      | 01612345678",
            "017-123-4567       | 0171234567",
            "018-123-4567       | 0181234567",
            "019-1234-5678      | 01912345678",
            "+82 11 123 4567    | 0111234567",
    })
    void normalisesMobileNumbers(String raw, String digits) {
        assertThat(KoreanMobileNumber.parse(raw)).isEqualTo(new KoreanMobileNumber.Mobile(digits));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "02-123-4567         | landline",
            "02-1234-5678        | landline",
            "031-123-4567        | landline",
            "064-712-3456        | landline",
            "+82 2 1234 5678     | landline",
            "070-1234-5678       | internet phone",
            "0507-1234-5678      | virtual (050)",
            "080-123-4567        | business service",
            "1588-1234           | business service",
            "+1 415 555 1234     | foreign",
            "+81 90-1234-5678    | foreign",
            "001-1-415-555-1234  | foreign",
            "010-1234-567        | 10 digits (010 numbers have 11)",
            "010-1234-56789      | 12 digits (010 numbers have 11)",
            "011-12-3456         | 9 digits",
            "010-CALL-ME         | not a phone number",
            "전화없음            | not a phone number",
            "010-1234-5678 ext 1 | not a phone number",
            "12345               | too short",
            "1012345678          | not a Korean mobile number",
            "0101+2345678        | not a phone number",
    })
    void rejectsEverythingElseWithAReason(String raw, String reasonPart) {
        assertThat(KoreanMobileNumber.parse(raw)).isInstanceOfSatisfying(KoreanMobileNumber.NotMobile.class,
                rejected -> assertThat(rejected.reason()).contains(reasonPart));
    }

    @Test
    void emptyAndMissingNumbers() {
        assertThat(KoreanMobileNumber.parse(null)).isEqualTo(new KoreanMobileNumber.NotMobile("no phone number"));
        assertThat(KoreanMobileNumber.parse("  ")).isEqualTo(new KoreanMobileNumber.NotMobile("no phone number"));
    }

    @Test
    void reasonsNeverShowTheWholeNumber() {
        String reason = ((KoreanMobileNumber.NotMobile) KoreanMobileNumber.parse("02-1234-5678")).reason();
        assertThat(reason).doesNotContain("1234").doesNotContain("0212345678").contains("5678");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "0801234567    | 080-123-4567",
            "080-123-4567  | 080-123-4567",
            "08012345678   | 080-1234-5678",
            "021234567     | 02-123-4567",
            "0212345678    | 02-1234-5678",
            "0311234567    | 031-123-4567",
            "15881234      | 1588-1234",
            "050712345678  | 0507-1234-5678",
            "+82 80 1234   | +82 80 1234",
            "12            | 12",
    })
    void formatsNumbersForReading(String raw, String pretty) {
        assertThat(KoreanPhoneFormat.pretty(raw)).isEqualTo(pretty);
    }
}
