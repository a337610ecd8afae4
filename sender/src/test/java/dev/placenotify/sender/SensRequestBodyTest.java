package dev.placenotify.sender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.placenotify.model.ContentType;
import dev.placenotify.model.MessageCodec;
import dev.placenotify.model.SmsJob;
import dev.placenotify.model.SmsType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SensRequestBodyTest {

    private static JsonNode body(SensRequest request) throws Exception {
        return MessageCodec.mapper().readTree(SensClient.body(request));
    }

    @Test
    void smsRequestCarriesOneEntryPerJobWithItsOwnContent() throws Exception {
        SmsJob a = TestJobs.sms("1", "01012345678", "예약이 확정되었습니다 A");
        SmsJob b = TestJobs.sms("2", "01087654321", "예약이 확정되었습니다 B");
        JsonNode body = body(new SensRequest("0312345678", SmsType.SMS, ContentType.COMM, List.of(a, b)));

        assertThat(body.get("type").asText()).isEqualTo("SMS");
        assertThat(body.get("contentType").asText()).isEqualTo("COMM");
        assertThat(body.get("countryCode").asText()).isEqualTo("82");
        assertThat(body.get("from").asText()).isEqualTo("0312345678");
        // SENS requires a top-level content; each message overrides it with its own.
        assertThat(body.get("content").asText()).isEqualTo(a.content());
        assertThat(body.has("subject")).isFalse();
        assertThat(body.has("reserveTime")).isFalse();
        JsonNode messages = body.get("messages");
        assertThat(messages).hasSize(2);
        assertThat(messages.get(0).get("to").asText()).isEqualTo("01012345678");
        assertThat(messages.get(0).get("content").asText()).isEqualTo(a.content());
        assertThat(messages.get(1).get("to").asText()).isEqualTo("01087654321");
        assertThat(messages.get(1).get("content").asText()).isEqualTo(b.content());
        assertThat(messages.get(0).has("subject")).isFalse();
    }

    @Test
    void lmsCarriesSubjectsAndAdKeepsItsContentType() throws Exception {
        SmsJob lms = TestJobs.job("3", "01012345678", SmsType.LMS, ContentType.AD, "이벤트 안내", "(광고) 긴 안내문");
        JsonNode body = body(new SensRequest("0312345678", SmsType.LMS, ContentType.AD, List.of(lms)));

        assertThat(body.get("type").asText()).isEqualTo("LMS");
        assertThat(body.get("contentType").asText()).isEqualTo("AD");
        assertThat(body.get("subject").asText()).isEqualTo("이벤트 안내");
        assertThat(body.get("messages").get(0).get("subject").asText()).isEqualTo("이벤트 안내");
    }

    @Test
    void aRequestHoldsOneToHundredJobs() {
        List<SmsJob> jobs = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            jobs.add(TestJobs.sms(Integer.toString(i), "01012345678", "x"));
        }
        assertThat(new SensRequest("0312345678", SmsType.SMS, ContentType.COMM, jobs.subList(0, 100)).jobs()).hasSize(100);
        assertThatThrownBy(() -> new SensRequest("0312345678", SmsType.SMS, ContentType.COMM, jobs))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SensRequest("0312345678", SmsType.SMS, ContentType.COMM, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
