package dev.placenotify.testsupport.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.placenotify.model.MessageCodec;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TelegramSimulatorTest {
    private static final String TOKEN = "123456:ABC-def";

    private final TelegramSimulator telegram = new TelegramSimulator(TOKEN);

    @BeforeEach
    void start() {
        telegram.start();
    }

    @AfterEach
    void stop() {
        telegram.close();
    }

    @Test
    void acceptsJsonAndAnswersLikeTelegram() {
        HttpResponse<String> response = sendJson(Map.of("chat_id", -100123, "text", "<b>실패</b> 3건 &amp; 재시도", "parse_mode", "HTML"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response.body());
        assertThat(body.get("ok").asBoolean()).isTrue();
        assertThat(body.at("/result/message_id").asLong()).isPositive();
        assertThat(body.at("/result/chat/id").asLong()).isEqualTo(-100123);
        assertThat(body.at("/result/text").asText()).isEqualTo("실패 3건 & 재시도");
        assertThat(body.at("/result/date").isNumber()).isTrue();
        assertThat(telegram.messages()).singleElement().satisfies(m -> {
            assertThat(m.chatId()).isEqualTo("-100123");
            assertThat(m.text()).isEqualTo("<b>실패</b> 3건 &amp; 재시도");
            assertThat(m.parseMode()).isEqualTo("HTML");
        });
    }

    @Test
    void acceptsFormEncodedBodies() {
        String form = "chat_id=42&text=" + URLEncoder.encode("hello & bye", StandardCharsets.UTF_8);

        HttpResponse<String> response = HttpCalls.post(telegram.sendMessageUrl(), "application/x-www-form-urlencoded", form, Map.of());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(telegram.messages()).singleElement().satisfies(m -> {
            assertThat(m.chatId()).isEqualTo("42");
            assertThat(m.text()).isEqualTo("hello & bye");
            assertThat(m.parseMode()).isNull();
        });
    }

    @Test
    void wrongTokenIsUnauthorized() {
        HttpResponse<String> response = HttpCalls.postJson(telegram.baseUrl() + "/bot999:wrong/sendMessage", "{\"chat_id\":1,\"text\":\"x\"}");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response.body())).isEqualTo(json("{\"ok\":false,\"error_code\":401,\"description\":\"Unauthorized\"}"));
        assertThat(telegram.messages()).isEmpty();
    }

    @Test
    void missingChatIdOrTextIsABadRequest() {
        assertThat(sendJson(Map.of("text", "x")).statusCode()).isEqualTo(400);
        assertThat(sendJson(Map.of("chat_id", 1)).statusCode()).isEqualTo(400);
        assertThat(HttpCalls.postJson(telegram.sendMessageUrl(), "{broken").statusCode()).isEqualTo(400);
    }

    @Test
    void limitsTextTo4096Characters() {
        assertThat(sendJson(Map.of("chat_id", 1, "text", "가".repeat(4096))).statusCode()).isEqualTo(200);
        HttpResponse<String> tooLong = sendJson(Map.of("chat_id", 1, "text", "가".repeat(4097)));

        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(json(tooLong.body()))
                .isEqualTo(json("{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: message is too long\"}"));
        // Markup does not count: the limit applies to what the recipient sees.
        assertThat(sendJson(Map.of("chat_id", 1, "parse_mode", "HTML", "text", "<b>" + "a".repeat(4096) + "</b>")).statusCode())
                .isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"<b>unclosed", "<b><i>crossed</b></i>", "<div>block</div>", "a < b", "Tom & Jerry", "stray </b>", "&bogus;"})
    void rejectsHtmlTelegramCannotParse(String text) {
        HttpResponse<String> response = sendJson(Map.of("chat_id", 1, "parse_mode", "HTML", "text", text));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response.body()).get("description").asText()).startsWith("Bad Request: can't parse entities: ");
        // Without a parse mode the same text is plain and fine.
        assertThat(sendJson(Map.of("chat_id", 1, "text", text)).statusCode()).isEqualTo(200);
    }

    @Test
    void acceptsEverySupportedTagAndEntity() {
        String html = "<b>b</b><strong>s</strong><i>i</i><em>e</em><u>u</u><ins>n</ins><s>s</s><strike>k</strike><del>d</del>"
                + "<a href=\"https://example.com/?a=1&amp;b=2\">link</a><code>c</code><pre>p</pre><tg-spoiler>t</tg-spoiler>"
                + "<blockquote>q</blockquote> &lt;tag&gt; &quot;q&quot; &#44032; &#xAC00;";

        HttpResponse<String> response = sendJson(Map.of("chat_id", 1, "parse_mode", "HTML", "text", html));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response.body()).at("/result/text").asText()).endsWith("<tag> \"q\" 가 가");
    }

    @Test
    void scriptedThrottlingCarriesRetryAfter() {
        telegram.enqueueFault(TelegramSimulator.tooManyRequests(17));

        HttpResponse<String> throttled = sendJson(Map.of("chat_id", 1, "text", "x"));

        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(json(throttled.body())).isEqualTo(json("{\"ok\":false,\"error_code\":429,"
                + "\"description\":\"Too Many Requests: retry after 17\",\"parameters\":{\"retry_after\":17}}"));
        assertThat(telegram.messages()).isEmpty();
        assertThat(sendJson(Map.of("chat_id", 1, "text", "x")).statusCode()).isEqualTo(200);
    }

    @Test
    void aGroupUpgradedToASupergroupRefusesTheOldIdWithTheNewOne() {
        telegram.upgradeToSupergroup("-4001234", -1001234567890L);

        HttpResponse<String> old = sendJson(Map.of("chat_id", -4001234, "text", "요약"));
        HttpResponse<String> moved = sendJson(Map.of("chat_id", -1001234567890L, "text", "요약"));

        assertThat(old.statusCode()).isEqualTo(400);
        assertThat(json(old.body())).isEqualTo(json("{\"ok\":false,\"error_code\":400,"
                + "\"description\":\"Bad Request: group chat was upgraded to a supergroup chat\","
                + "\"parameters\":{\"migrate_to_chat_id\":-1001234567890}}"));
        assertThat(moved.statusCode()).isEqualTo(200);
        assertThat(json(moved.body()).at("/result/chat/type").asText()).isEqualTo("supergroup");
        assertThat(telegram.messages()).singleElement().satisfies(m -> assertThat(m.chatId()).isEqualTo("-1001234567890"));
    }

    private HttpResponse<String> sendJson(Map<String, Object> body) {
        try {
            return HttpCalls.postJson(telegram.sendMessageUrl(), MessageCodec.mapper().writeValueAsString(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(String text) {
        try {
            return MessageCodec.mapper().readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
