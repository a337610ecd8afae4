package dev.placenotify.notifier;

import com.fasterxml.jackson.databind.JsonNode;
import dev.placenotify.testsupport.LocalWorld;
import dev.placenotify.testsupport.sim.TelegramMessage;
import dev.placenotify.model.Topology;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** What the chat simulators recorded, sorted into summaries and alerts, and the text people read. */
final class Posts {
    private Posts() {}

    static List<String> telegramSummaries(LocalWorld p) {
        return p.telegram.messages().stream().map(TelegramMessage::text).filter(t -> t.contains("place-notify ")).map(Posts::visible).toList();
    }

    static List<String> telegramAlerts(LocalWorld p) {
        return p.telegram.messages().stream().map(TelegramMessage::text).filter(t -> t.startsWith("<b>🚨")).map(Posts::visible).toList();
    }

    static List<JsonNode> slackSummaries(LocalWorld p) {
        return p.slack.payloads().stream().filter(j -> j.has("blocks")).toList();
    }

    static List<String> slackAlerts(LocalWorld p) {
        return p.slack.payloads().stream().filter(j -> !j.has("blocks")).map(j -> j.get("text").asText()).toList();
    }

    /** All mrkdwn text of a Slack summary, entities decoded. */
    static String slackText(JsonNode payload) {
        StringBuilder text = new StringBuilder();
        for (JsonNode block : payload.get("blocks")) {
            text.append(block.path("text").path("text").asText("")).append(block.path("elements").path(0).path("text").asText(""))
                    .append('\n');
        }
        return text.toString().replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    /** Telegram HTML as the reader sees it (the simulator already checked it parses). */
    static String visible(String html) {
        return html.replaceAll("</?b>", "").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
    }

    /** The run item the notifier keeps, as the operator CLI would read it. */
    static Map<String, AttributeValue> runItem(LocalWorld p, String runId) {
        return p.aws().dynamo().getItem(b -> b.tableName(p.table(Topology.RUNS)).consistentRead(true)
                .key(Map.of("runId", AttributeValue.fromS(runId), "item", AttributeValue.fromS("RUN")))).item();
    }
}
