package dev.placenotify.planner.core;

import static dev.placenotify.planner.core.Fixtures.booking;
import static dev.placenotify.planner.core.Fixtures.store;
import static org.assertj.core.api.Assertions.assertThat;

import dev.placenotify.model.Booking;
import dev.placenotify.model.ContentType;
import dev.placenotify.model.MessageKind;
import dev.placenotify.model.SmsType;
import dev.placenotify.model.StoreSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MessageRendererTest {
    final Booking booking = booking("5011").build();

    static MessageRenderer.Rendered renderBody(MessageKind kind, String body) {
        return MessageRenderer.render(kind, store().event("0801234567").template(kind, null, body).build(),
                booking("5011").build());
    }

    @Test
    void fillsEveryVariable() {
        StoreSettings s = store().template(MessageKind.CONFIRMATION, null,
                "{customerName}|{storeName}|{item}|{date}|{time}|{partySize}|{storePhone}|{unknown}").build();
        assertThat(MessageRenderer.render(MessageKind.CONFIRMATION, s, booking).content())
                .isEqualTo("김민수|화성점|키즈룸 2시간|10월 22일(수)|15:30|2|031-123-4567|{unknown}");
    }

    @Test
    void missingValuesRenderSoftly() {
        StoreSettings s = store().template(MessageKind.CONFIRMATION, null, "{customerName}님 {item} {partySize}명").build();
        Booking bare = booking("5011").name(null).item(null).count(null).build();
        assertThat(MessageRenderer.render(MessageKind.CONFIRMATION, s, bare).content()).isEqualTo("고객님 명");
    }

    @Test
    void valuesAreNotExpandedAgain() {
        StoreSettings s = store().template(MessageKind.CONFIRMATION, null, "{customerName} {date}").build();
        Booking sly = booking("5011").name("{date}$1\\").build();
        assertThat(MessageRenderer.render(MessageKind.CONFIRMATION, s, sly).content()).isEqualTo("{date}$1\\ 10월 22일(수)");
    }

    @ParameterizedTest
    @EnumSource(MessageKind.class)
    void defaultsNameTheStoreDateAndTime(MessageKind kind) {
        MessageRenderer.Rendered r = MessageRenderer.render(kind, store().event("0801234567").build(), booking);
        assertThat(r.content()).contains("화성점").contains("10월 22일(수)").contains("15:30").contains("김민수님");
        assertThat(EucKrText.isEncodable(r.content())).isTrue();
        if (kind == MessageKind.EVENT) {
            assertThat(r.contentType()).isEqualTo(ContentType.AD);
        } else {
            assertThat(r.type()).as("a default service message fits one SMS").isEqualTo(SmsType.SMS);
            assertThat(r.contentType()).isEqualTo(ContentType.COMM);
        }
    }

    @Test
    void emojiAndUnencodableCharactersNeverReachTheContent() {
        StoreSettings s = store().name("화성점🏠").template(MessageKind.CONFIRMATION, "🎉 확정!",
                "{customerName}님 🎉 예약 확정 ✅ Café").build();
        Booking b = booking("5011").name("김똠😀").build();
        MessageRenderer.Rendered r = MessageRenderer.render(MessageKind.CONFIRMATION, s, b);
        assertThat(r.content()).isEqualTo("김ㄸㅗㅁ님 예약 확정 Cafe");
        assertThat(EucKrText.isEncodable(r.content())).isTrue();
    }

    @Test
    void templateThatRendersToNothingFallsBackToTheDefault() {
        assertThat(renderBody(MessageKind.REMINDER, "😀 🙏").content())
                .isEqualTo("[화성점] 김민수님, 10월 22일(수) 15:30 예약 시간이 곧 다가옵니다.");
    }

    @Test
    void ninetyBytesIsAnSmsNinetyOneAnLms() {
        assertThat(renderBody(MessageKind.CONFIRMATION, "x".repeat(90))).satisfies(r -> {
            assertThat(r.type()).isEqualTo(SmsType.SMS);
            assertThat(r.subject()).isNull();
        });
        assertThat(renderBody(MessageKind.CONFIRMATION, "가".repeat(45)).type()).isEqualTo(SmsType.SMS);
        assertThat(renderBody(MessageKind.CONFIRMATION, "x".repeat(91))).satisfies(r -> {
            assertThat(r.type()).isEqualTo(SmsType.LMS);
            assertThat(r.subject()).isEqualTo("[화성점] 예약 확정 안내");
        });
        assertThat(renderBody(MessageKind.CONFIRMATION, "a" + "가".repeat(45)).type()).isEqualTo(SmsType.LMS);
    }

    @Test
    void contentOver2000BytesIsCutBetweenCharacters() {
        MessageRenderer.Rendered r = renderBody(MessageKind.CONFIRMATION, "a" + "가".repeat(1500));
        assertThat(r.type()).isEqualTo(SmsType.LMS);
        assertThat(EucKrText.byteLength(r.content())).isEqualTo(1999);
        assertThat(r.content()).isEqualTo("a" + "가".repeat(999));

        assertThat(EucKrText.byteLength(renderBody(MessageKind.CONFIRMATION, "가".repeat(1500)).content())).isEqualTo(2000);
    }

    @Test
    void longEventKeepsItsFrame() {
        MessageRenderer.Rendered r = renderBody(MessageKind.EVENT, "이벤트".repeat(700));
        assertThat(EucKrText.byteLength(r.content())).isLessThanOrEqualTo(2000);
        assertThat(r.content()).startsWith("(광고)[화성점] 이벤트").endsWith("\n무료수신거부 080-123-4567");
    }

    @Test
    void subjectIsAtMost40Bytes() {
        StoreSettings longName = store().name("아주아주긴이름의매장화성점스페셜에디션지점").build();
        MessageRenderer.Rendered r = MessageRenderer.render(MessageKind.CONFIRMATION,
                new StoreSettings(longName.storeId(), longName.name(), null, "0311234567", null, null,
                        Map.of(MessageKind.CONFIRMATION, new dev.placenotify.model.MessageTemplate(null, "x".repeat(100))),
                        null, null, null, null), booking);
        assertThat(EucKrText.byteLength(r.subject())).isLessThanOrEqualTo(40);
        assertThat(r.subject()).isEqualTo("[아주아주긴이름의매장화성점스페셜에디션"); // 1 + 19 × 2 = 39 bytes

        StoreSettings own = store().template(MessageKind.REMINDER, "😀 {storeName} 방문 전 꼭 확인해 주세요! 주차 안내 포함", "y".repeat(100)).build();
        MessageRenderer.Rendered mine = MessageRenderer.render(MessageKind.REMINDER, own, booking);
        assertThat(mine.subject()).isEqualTo("화성점 방문 전 꼭 확인해 주세요! 주차 안"); // exactly 40 bytes
        assertThat(EucKrText.byteLength(mine.subject())).isLessThanOrEqualTo(40);
    }
}
