package dev.placenotify.sender;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SensSignatureTest {

    // Expected values computed independently with OpenSSL:
    //   printf 'POST {path}\n{timestamp}\n{accessKey}' | openssl dgst -sha256 -hmac '{secretKey}' -binary | base64
    @Test
    void matchesAnIndependentlyComputedVector() {
        String signature = SensSignature.sign("ExampleSecretKey0123456789", "POST",
                "/sms/v2/services/ncp:sms:kr:123456789012:place-notify/messages", 1729573200000L, "AKIAEXAMPLEACCESS");
        assertThat(signature).isEqualTo("AyOganZuQL8SrQmD8rPSJBTJxa9E1mlknsl+Lpje0gA=");
    }

    @Test
    void matchesASecondVectorWithMinimalInputs() {
        assertThat(SensSignature.sign("k", "POST", "/sms/v2/services/svc/messages", 0L, "a"))
                .isEqualTo("XxF+gZ4oo2aRD1zdjqDNJlR0rHMb8i4Ld6fQktiJhjQ=");
    }

    @Test
    void everyPartOfTheCanonicalStringCounts() {
        String base = SensSignature.sign("k", "POST", "/p", 1L, "a");
        assertThat(SensSignature.sign("k2", "POST", "/p", 1L, "a")).isNotEqualTo(base);
        assertThat(SensSignature.sign("k", "GET", "/p", 1L, "a")).isNotEqualTo(base);
        assertThat(SensSignature.sign("k", "POST", "/q", 1L, "a")).isNotEqualTo(base);
        assertThat(SensSignature.sign("k", "POST", "/p", 2L, "a")).isNotEqualTo(base);
        assertThat(SensSignature.sign("k", "POST", "/p", 1L, "b")).isNotEqualTo(base);
    }
}
