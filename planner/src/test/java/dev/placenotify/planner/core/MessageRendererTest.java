package dev.placenotify.planner.core;

import static dev.placenotify.planner.core.Fixtures.booking;
import static dev.placenotify.planner.core.Fixtures.store;
import static org.assertj.core.api.Assertions.assertThat;

import dev.placenotify.model.Booking;
import dev.placenotify.model.ContentType;
import dev.placenotify.model.MessageTemplate;
import dev.placenotify.model.RunNote;
import dev.placenotify.model.SmsType;
import dev.placenotify.model.StoreSettings;
import dev.placenotify.planner.rules.KeyScope;
import dev.placenotify.planner.rules.NoteAction;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MessageRendererTest {
    final Booking booking = booking("5011").build();
    final StoreSettings store = store().optOut("0801234567").build();

    MessageRenderer.Rendered render(String body) {
        return render(null, body, ContentType.COMM);
    }

    MessageRenderer.Rendered render(String subject, String body, ContentType contentType) {
        return MessageRenderer.render("예약확정", contentType, new MessageTemplate(subject, body), store, booking).orElseThrow();
    }

    @Test
    void fillsEveryBuiltInAndStoreVariable() {
        Booking withOptions = booking("5011").option("110분 촬영").option("원본 파일").build();
        String body = "{customerName}|{storeName}|{item}|{date}|{time}|{partySize}|{storePhone}|{options}|{last4}|{brand}|{doorCode}";
        assertThat(MessageRenderer.render("x", ContentType.COMM, new MessageTemplate(null, body), store, withOptions)
                .orElseThrow().content())
                .isEqualTo("김민수|화성 새솔점|110분/1~4인촬영|10월 22일(수)|15:30|2|031-123-4567|110분 촬영, 원본 파일|5678|플레이스|1234*");
    }

    @Test
    void aStoreVariableCannotShadowABuiltIn() {
        StoreSettings sly = store().var("customerName", "누군가").build();
        assertThat(MessageRenderer.render("x", ContentType.COMM, new MessageTemplate(null, "{customerName}"), sly, booking)
                .orElseThrow().content()).isEqualTo("김민수");
    }

    @Test
    void missingValuesRenderSoftly() {
        Booking bare = booking("5011").name(null).item(null).count(null).build();
        assertThat(MessageRenderer.render("x", ContentType.COMM, new MessageTemplate(null, "{customerName}님 {item} {partySize}명"),
                store, bare).orElseThrow().content()).isEqualTo("고객님 명");
    }

    @Test
    void valuesAreNotExpandedAgain() {
        Booking sly = booking("5011").name("{date}$1\\").build();
        assertThat(MessageRenderer.render("x", ContentType.COMM, new MessageTemplate(null, "{customerName} {date}"), store, sly)
                .orElseThrow().content()).isEqualTo("{date}$1\\ 10월 22일(수)");
    }

    @Test
    void emojiAndUnencodableCharactersNeverReachTheContent() {
        StoreSettings s = store().name("화성점🏠").build();
        Booking b = booking("5011").name("김똠😀").build();
        MessageRenderer.Rendered r = MessageRenderer.render("x", ContentType.COMM,
                new MessageTemplate("🎉 확정!", "{customerName}님 🎉 예약 확정 ✅ Café"), s, b).orElseThrow();
        assertThat(r.content()).isEqualTo("김ㄸㅗㅁ님 예약 확정 Cafe");
        assertThat(EucKrText.isEncodable(r.content())).isTrue();
    }

    @Test
    void aTemplateThatRendersToNothingIsNotSent() {
        assertThat(MessageRenderer.render("x", ContentType.COMM, new MessageTemplate(null, "😀 🙏"), store, booking)).isEmpty();
    }

    @Test
    void ninetyBytesIsAnSmsNinetyOneAnLmsWithTheTemplatesSubjectElseStoreAndLabel() {
        assertThat(render("x".repeat(90))).satisfies(r -> {
            assertThat(r.type()).isEqualTo(SmsType.SMS);
            assertThat(r.subject()).isNull();
        });
        assertThat(render("가".repeat(45)).type()).isEqualTo(SmsType.SMS);
        assertThat(render("x".repeat(91))).satisfies(r -> {
            assertThat(r.type()).isEqualTo(SmsType.LMS);
            assertThat(r.subject()).isEqualTo("[화성 새솔점] 예약확정");
        });
        assertThat(render("[{brand}] 안내", "a" + "가".repeat(45), ContentType.COMM).subject()).isEqualTo("[플레이스] 안내");
    }

    @Test
    void contentOver2000BytesIsCutBetweenCharacters() {
        MessageRenderer.Rendered r = render("a" + "가".repeat(1500));
        assertThat(r.type()).isEqualTo(SmsType.LMS);
        assertThat(EucKrText.byteLength(r.content())).isEqualTo(1999);
        assertThat(r.content()).isEqualTo("a" + "가".repeat(999));
        assertThat(EucKrText.byteLength(render("가".repeat(1500)).content())).isEqualTo(2000);
    }

    @Test
    void advertisingIsFramedWithTheStoreAndTheOptOutLast() {
        MessageRenderer.Rendered shortAd = render(null, "(광고) 오늘 방문 감사 🎁 쿠폰 드려요", ContentType.AD);
        assertThat(shortAd.content()).isEqualTo("(광고)[화성 새솔점] 오늘 방문 감사 쿠폰 드려요\n무료수신거부 080-123-4567");
        assertThat(shortAd.contentType()).isEqualTo(ContentType.AD);

        MessageRenderer.Rendered longAd = render(null, "이벤트".repeat(700), ContentType.AD);
        assertThat(EucKrText.byteLength(longAd.content())).isLessThanOrEqualTo(2000);
        assertThat(longAd.content()).startsWith("(광고)[화성 새솔점] 이벤트").endsWith("\n무료수신거부 080-123-4567");
    }

    @Test
    void subjectIsAtMost40Bytes() {
        MessageRenderer.Rendered mine = render("😀 {storeName} 방문 전 꼭 확인해 주세요! 주차 안내 포함", "y".repeat(100), ContentType.COMM);
        assertThat(mine.subject()).isEqualTo("화성 새솔점 방문 전 꼭 확인해 주세요! 주"); // exactly 40 bytes
        assertThat(EucKrText.byteLength(mine.subject())).isLessThanOrEqualTo(40);
    }

    @Test
    void aNoteMasksTheCustomerAndIsOneShortLine() {
        NoteAction note = new NoteAction("{date} {time} {customerName} ({last4}) {options}\n확인 필요", Set.of(RunNote.Channel.SLACK),
                KeyScope.BOOKING);
        Booking b = booking("5011").name("김민수").option("전문가 보정", 2).build();
        assertThat(MessageRenderer.renderNote(note, store, b)).isEqualTo("10월 22일(수) 15:30 김*수 (5678) 전문가 보정 ×2 확인 필요");
        NoteAction huge = new NoteAction("{options}", Set.of(RunNote.Channel.SLACK), KeyScope.BOOKING);
        Booking many = booking("5012").option("옵션".repeat(200)).build();
        assertThat(MessageRenderer.renderNote(huge, store, many)).hasSize(300).endsWith("…");
    }
}
