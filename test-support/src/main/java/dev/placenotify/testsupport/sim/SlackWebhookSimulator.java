package dev.placenotify.testsupport.sim;

import com.fasterxml.jackson.databind.JsonNode;
import dev.placenotify.model.MessageCodec;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * Slack incoming webhook: {@code POST /services/T…/B…/X…} with a JSON body ({@code text} and/or
 * {@code blocks}; a form field {@code payload} works too). Slack answers with short plain-text
 * codes rather than JSON, and so does this simulator: {@code ok}, {@code invalid_payload},
 * {@code msg_too_long}, {@code no_service}; {@link #invalidToken()} and friends script the others.
 *
 * <p>Besides the per-block limits (≤ {@value #MAX_BLOCKS} blocks, section text ≤ {@value #MAX_SECTION_TEXT}),
 * Slack refuses a message whose text is too long in total even when every block is small: this simulator
 * counts the characters of {@code text} and of every text in the blocks (header, section text and fields,
 * context elements) and answers 400 {@code msg_too_long} past {@value #MAX_TOTAL_TEXT}.
 */
public final class SlackWebhookSimulator extends HttpSimulator {
    public static final String DEFAULT_PATH = "/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX";
    public static final int MAX_BLOCKS = 50;
    public static final int MAX_SECTION_TEXT = 3000;
    public static final int MAX_TOTAL_TEXT = 12_000;

    private final String webhookPath;
    private final Recorder<JsonNode> payloads = new Recorder<>();

    public SlackWebhookSimulator() {
        this(DEFAULT_PATH);
    }

    /** @param webhookPath the one path that is a live webhook, e.g. {@code /services/T1/B2/secret} */
    public SlackWebhookSimulator(String webhookPath) {
        this(Clock.systemUTC(), webhookPath);
    }

    public SlackWebhookSimulator(Clock clock, String webhookPath) {
        super("slack", clock);
        this.webhookPath = Objects.requireNonNull(webhookPath, "webhookPath");
        if (!webhookPath.startsWith("/services/")) {
            throw new IllegalArgumentException("webhook paths start with /services/");
        }
    }

    public String webhookUrl() {
        return baseUrl() + webhookPath;
    }

    /** Accepted payloads, parsed, in arrival order. */
    public List<JsonNode> payloads() {
        return payloads.snapshot();
    }

    public static Fault invalidToken() {
        return Fault.text(403, "invalid_token");
    }

    public static Fault channelIsArchived() {
        return Fault.text(410, "channel_is_archived");
    }

    public static Fault rateLimited(int retryAfterSeconds) {
        return Fault.respond(SimResponse.text(429, "rate_limited").withHeader("Retry-After", String.valueOf(retryAfterSeconds)));
    }

    @Override
    protected SimResponse handle(SimRequest request) {
        if (!request.path().equals(webhookPath)) {
            return SimResponse.text(404, "no_service");
        }
        if (!request.method().equals("POST")) {
            return SimResponse.text(405, "invalid_method");
        }
        JsonNode payload = parse(request);
        if (payload == null || !payload.isObject() || !hasContent(payload) || !blocksWithinLimits(payload.get("blocks"))) {
            return SimResponse.text(400, "invalid_payload");
        }
        if (totalText(payload) > MAX_TOTAL_TEXT) {
            return SimResponse.text(400, "msg_too_long");
        }
        payloads.add(payload);
        return SimResponse.text(200, "ok");
    }

    @Override
    protected void clearRecordings() {
        payloads.clear();
    }

    private static JsonNode parse(SimRequest request) {
        try {
            if (request.hasContentType("application/x-www-form-urlencoded")) {
                List<String> payload = request.formParams().get("payload");
                return payload == null ? null : MessageCodec.mapper().readTree(payload.get(0));
            }
            return MessageCodec.mapper().readTree(request.body());
        } catch (IOException malformed) {
            return null;
        }
    }

    private static boolean hasContent(JsonNode payload) {
        JsonNode text = payload.get("text");
        JsonNode blocks = payload.get("blocks");
        boolean hasText = text != null && text.isTextual() && !text.asText().isBlank();
        boolean hasBlocks = blocks != null && blocks.isArray() && !blocks.isEmpty();
        return hasText || hasBlocks;
    }

    /** Every character a reader could be shown: the fallback text and each text object of the blocks. */
    static int totalText(JsonNode payload) {
        int total = payload.path("text").asText("").length();
        for (JsonNode block : payload.path("blocks")) {
            total += block.path("text").path("text").asText("").length();
            for (JsonNode field : block.path("fields")) {
                total += field.path("text").asText("").length();
            }
            for (JsonNode element : block.path("elements")) {
                total += element.path("text").asText("").length();
            }
        }
        return total;
    }

    private static boolean blocksWithinLimits(JsonNode blocks) {
        if (blocks == null || blocks.isNull()) {
            return true;
        }
        if (!blocks.isArray() || blocks.size() > MAX_BLOCKS) {
            return false;
        }
        for (JsonNode block : blocks) {
            if (!block.isObject()) {
                return false;
            }
            JsonNode text = block.path("text").path("text");
            if ("section".equals(block.path("type").asText()) && text.isTextual() && text.asText().length() > MAX_SECTION_TEXT) {
                return false;
            }
        }
        return true;
    }
}
