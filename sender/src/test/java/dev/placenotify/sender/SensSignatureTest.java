package dev.placenotify.sender;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
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

    @Test
    void authenticatedCallsCarryTheTimestampTheAccessKeyAndTheSignatureOverTheMethodAndPath() {
        SensCredentials credentials = new SensCredentials("AKIAEXAMPLEACCESS", "ExampleSecretKey0123456789", "svc");
        String path = "/sms/v2/services/svc/messages?requestId=R1";
        HttpRequest request = SensSignature.authenticate(HttpRequest.newBuilder(URI.create("https://sens.example" + path)),
                credentials, "GET", path, 1729573200000L).GET().build();
        assertThat(request.headers().firstValue("x-ncp-apigw-timestamp")).contains("1729573200000");
        assertThat(request.headers().firstValue("x-ncp-iam-access-key")).contains("AKIAEXAMPLEACCESS");
        assertThat(request.headers().firstValue("x-ncp-apigw-signature-v2"))
                .contains(SensSignature.sign("ExampleSecretKey0123456789", "GET", path, 1729573200000L, "AKIAEXAMPLEACCESS"));
    }
}
