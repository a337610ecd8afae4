package dev.placenotify.model;

/**
 * Causes worth waking an owner for before the summary; the notifier throttles per cause.
 * {@code TELEGRAM_CHAT_MIGRATED} is the notifier's own: the Telegram group became a supergroup and the
 * secret's chatId must be updated.
 */
public enum AlertCause { SESSION_EXPIRED, LOGIN_NEEDS_HUMAN, DLQ_MESSAGES, SENS_CREDENTIALS_REJECTED, UNKNOWN_SEND, FETCH_FAILED,
    TELEGRAM_CHAT_MIGRATED, BUDGET_HELD }
