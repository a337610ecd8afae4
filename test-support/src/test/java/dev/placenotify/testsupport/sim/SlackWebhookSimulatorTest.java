package dev.placenotify.testsupport.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.placenotify.model.MessageCodec;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SlackWebhookSimulatorTest {
    private final SlackWebhookSimulator slack = new SlackWebhookSimulator("/services/T1/B2/secret");

    @BeforeEach
    void start() {
        slack.start();
    }

    @AfterEach
    void stop() {
        slack.close();
    }

    @Test
    void acceptsTextOrBlocksAndRecordsThePayload() {
        HttpResponse<String> text = HttpCalls.postJson(slack.webhookUrl(), "{\"text\":\"run failed\"}");
        HttpResponse<String> blocks = HttpCalls.postJson(slack.webhookUrl(), withBlocks(1, 10).toString());
        HttpResponse<String> form = HttpCalls.post(slack.webhookUrl(), "application/x-www-form-urlencoded",
                "payload=" + URLEncoder.encode("{\"text\":\"form\"}", StandardCharsets.UTF_8), Map.of());

        assertThat(List.of(text, blocks, form)).allSatisfy(response -> {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("ok");
        });
        assertThat(slack.webhookUrl()).isEqualTo(slack.baseUrl() + "/services/T1/B2/secret");
        assertThat(slack.payloads()).hasSize(3);
        assertThat(slack.payloads().get(0).get("text").asText()).isEqualTo("run failed");
        assertThat(slack.payloads().get(1).get("blocks")).hasSize(1);
    }

    @Test
    void rejectsInvalidPayloads() {
        assertInvalid("{not json");
        assertInvalid("[]");
        assertInvalid("{}");
        assertInvalid("{\"text\":\"\"}");
        assertInvalid("{\"blocks\":[]}");
        assertInvalid(withBlocks(51, 10).toString());
        assertInvalid(withBlocks(1, 3001).toString());
        assertThat(HttpCalls.postJson(slack.webhookUrl(), withBlocks(50, 240).toString()).statusCode()).isEqualTo(200);
        assertThat(HttpCalls.postJson(slack.webhookUrl(), withBlocks(4, 3000).toString()).statusCode()).isEqualTo(200);
        assertThat(slack.payloads()).hasSize(2);
    }

    @Test
    void refusesAMessageTooLongInTotalEvenWhenEveryBlockIsSmall() {
        // 12,000 characters of text in all is the most Slack shows; 50 blocks of 3,000 were accepted before.
        ObjectNode exactly = withBlocks(4, 3000);
        ObjectNode oneMore = withBlocks(4, 3000);
        oneMore.put("text", "x");
        ObjectNode manySmall = withBlocks(50, 250);
        ObjectNode header = withBlocks(4, 2990);
        ((ArrayNode) header.get("blocks")).addObject().put("type", "context").putArray("elements").addObject()
                .put("type", "mrkdwn").put("text", "y".repeat(41));

        assertThat(HttpCalls.postJson(slack.webhookUrl(), exactly.toString()).statusCode()).isEqualTo(200);
        for (ObjectNode tooLong : List.of(oneMore, manySmall, header)) {
            HttpResponse<String> response = HttpCalls.postJson(slack.webhookUrl(), tooLong.toString());
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.body()).isEqualTo("msg_too_long");
        }
        assertThat(slack.payloads()).hasSize(1);
    }

    @Test
    void unknownPathIsNoService() {
        HttpResponse<String> response = HttpCalls.postJson(slack.baseUrl() + "/services/T1/B2/revoked", "{\"text\":\"x\"}");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("no_service");
    }

    @Test
    void scriptedErrorsComeInOrder() {
        slack.enqueueFault(SlackWebhookSimulator.invalidToken());
        slack.enqueueFault(SlackWebhookSimulator.channelIsArchived());
        slack.enqueueFault(SlackWebhookSimulator.rateLimited(30));

        HttpResponse<String> forbidden = HttpCalls.postJson(slack.webhookUrl(), "{\"text\":\"x\"}");
        HttpResponse<String> gone = HttpCalls.postJson(slack.webhookUrl(), "{\"text\":\"x\"}");
        HttpResponse<String> limited = HttpCalls.postJson(slack.webhookUrl(), "{\"text\":\"x\"}");
        HttpResponse<String> fine = HttpCalls.postJson(slack.webhookUrl(), "{\"text\":\"x\"}");

        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(forbidden.body()).isEqualTo("invalid_token");
        assertThat(gone.statusCode()).isEqualTo(410);
        assertThat(gone.body()).isEqualTo("channel_is_archived");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.body()).isEqualTo("rate_limited");
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("30");
        assertThat(fine.statusCode()).isEqualTo(200);
        assertThat(slack.payloads()).hasSize(1);
    }

    private void assertInvalid(String body) {
        HttpResponse<String> response = HttpCalls.postJson(slack.webhookUrl(), body);
        assertThat(response.statusCode()).as(body).isEqualTo(400);
        assertThat(response.body()).isEqualTo("invalid_payload");
    }

    private static ObjectNode withBlocks(int count, int sectionTextLength) {
        ObjectNode payload = MessageCodec.mapper().createObjectNode();
        ArrayNode blocks = payload.putArray("blocks");
        for (int i = 0; i < count; i++) {
            blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn").put("text", "x".repeat(sectionTextLength));
        }
        return payload;
    }
}
