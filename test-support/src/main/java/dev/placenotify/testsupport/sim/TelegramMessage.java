package dev.placenotify.testsupport.sim;

import java.time.Instant;

/** One message the Telegram bot API accepted; {@code text} as sent (with markup), {@code parseMode} null if none. */
public record TelegramMessage(long messageId, String chatId, String text, String parseMode, Instant receivedAt) {}
