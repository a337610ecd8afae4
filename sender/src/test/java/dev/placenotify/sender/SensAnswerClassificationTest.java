package dev.placenotify.sender;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SensAnswerClassificationTest {

    @ParameterizedTest(name = "HTTP {0} -> {1}")
    @CsvSource({
            "202, Accepted",
            "400, Rejected",
            "403, Rejected",
            "404, Rejected",
            "401, CredentialsRejected",
            "429, Transient",
            "500, Unknown",
            "502, Unknown",
            "503, Transient",
            "504, Unknown",
            "599, Unknown",
    })
    void everyStatusHasItsClass(int status, String expected) {
        SensResult result = SensClient.classify(status, "{\"status\":\"" + status + "\",\"errorMessage\":\"x\"}");
        assertThat(result.getClass().getSimpleName()).isEqualTo(expected);
    }

    @Test
    void acceptedCarriesTheRequestId() {
        SensResult r = SensClient.classify(202,
                "{\"requestId\":\"RSSA-1\",\"requestTime\":\"2025-10-22T14:00:00.000\",\"statusCode\":\"202\",\"statusName\":\"success\"}");
        assertThat(r).isEqualTo(new SensResult.Accepted("RSSA-1"));
    }

    @Test
    void failureReasonsQuoteSensAndSurviveBodiesThatAreNotJson() {
        assertThat(((SensResult.Rejected) SensClient.classify(400, "{\"errorMessage\":\"content too long\"}")).reason())
                .isEqualTo("SENS HTTP 400: content too long");
        assertThat(((SensResult.Rejected) SensClient.classify(404, "<html>nope</html>")).reason()).isEqualTo("SENS HTTP 404");
    }

    @Test
    void aGatewayErrorSaysWhyItIsNotRetried() {
        assertThat(((SensResult.Unknown) SensClient.classify(502, "{\"errorMessage\":\"Bad Gateway\"}")).reason())
                .isEqualTo("SENS HTTP 502: Bad Gateway (SENS may have sent it before failing)");
    }

    @Test
    void retryAfterIsHonouredInSecondsOnly() {
        assertThat(((SensResult.Transient) SensClient.classify(429, "{}", "3")).retryAfter()).isEqualTo(Duration.ofSeconds(3));
        assertThat(((SensResult.Transient) SensClient.classify(429, "{}", "Wed, 21 Oct 2015 07:28:00 GMT")).retryAfter()).isNull();
        assertThat(((SensResult.Transient) SensClient.classify(503, "{}", null)).retryAfter()).isNull();
    }
}
