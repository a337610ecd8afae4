package dev.placenotify.operator.sends;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContentMaskTest {

    @Test
    void masksTheCustomerNameOfTheTemplatesAndMobileNumbers() {
        String content = "[화성점] 김민수님, 10/22 15:00 예약이 확정되었습니다. 문의 010-1234-5678";
        assertThat(ContentMask.mask(content))
                .isEqualTo("[화성점] 김*수님, 10/22 15:00 예약이 확정되었습니다. 문의 010-****-5678");
    }

    @Test
    void keepsTextWithoutPersonalDataAndFlattensLines() {
        assertThat(ContentMask.mask("(광고)[안산점] 이벤트\n수신거부 0801234567")).isEqualTo("(광고)[안산점] 이벤트 수신거부 0801234567");
        assertThat(ContentMask.mask("Kim님 01098765432")).isEqualTo("K*m님 010-****-5432");
        assertThat(ContentMask.mask(null)).isEmpty();
    }
}
