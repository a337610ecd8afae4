package dev.placenotify.sender.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.placenotify.model.DeliveryStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeliveryVerdictTest {
    private static SensMessageResult result(String status, String statusCode, String statusName, String statusMessage) {
        return new SensMessageResult("R1", "M1", "2025-10-22 14:00:01", "0312345678", "01012345678", "text", status, statusCode,
                statusName, statusMessage, "SKT", "2025-10-22 14:00:05");
    }

    @ParameterizedTest(name = "{0}/{1}/{2} -> {3}")
    @CsvSource(nullValues = "null", value = {
            "COMPLETED, 0, success, DELIVERED",
            "COMPLETED, 0, null, DELIVERED",
            "completed, 0, SUCCESS, DELIVERED",
            "COMPLETED, 3018, fail, FAILED",
            "COMPLETED, 3018, null, FAILED",
            "FAILED, 2007, fail, FAILED",
            "READY, null, null, PENDING",
            "PROCESSING, null, processing, PENDING",
            "null, null, null, PENDING",
            "SOMETHING_NEW, 0, success, PENDING",
            "COMPLETED, null, null, PENDING"})
    void sensStatusesMeanDeliveredFailedOrPending(String status, String code, String name, DeliveryStatus expected) {
        assertThat(DeliveryVerdict.of(result(status, code, name, "msg")).status()).isEqualTo(expected);
    }

    @Test
    void aFailureCarriesTheCarriersCodeReasonAndTelco() {
        DeliveryResult r = DeliveryVerdict.of(result("COMPLETED", "3018", "fail", "수신 거부\n(스팸 차단)"));
        assertThat(r.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(r.carrierCode()).isEqualTo("3018");
        assertThat(r.reason()).as("one line").isEqualTo("수신 거부 (스팸 차단)");
        assertThat(r.telco()).isEqualTo("SKT");
    }

    @Test
    void aFailureWithoutWordsStillSaysWhy() {
        assertThat(DeliveryVerdict.of(result("COMPLETED", "9999", "fail", null)).reason()).isEqualTo("carrier refused the message");
    }

    @Test
    void aLongReasonIsCut() {
        assertThat(DeliveryVerdict.of(result("COMPLETED", "1", "fail", "x".repeat(500))).reason()).hasSize(200);
    }
}
