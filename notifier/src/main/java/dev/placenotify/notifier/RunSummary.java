package dev.placenotify.notifier;

import java.util.List;
import java.util.Map;

/** A rendered summary: Telegram message parts (each under 4096 characters), the Slack payload, one log line. */
public record RunSummary(List<String> telegramParts, Map<String, Object> slackPayload, String line) {}
