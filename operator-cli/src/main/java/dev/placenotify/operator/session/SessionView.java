package dev.placenotify.operator.session;

/**
 * A session item without its cookies: what status and {@code session check} show. {@code renewalLeaseUntil}
 * (epoch ms) and {@code loginBlocked} are present while a fetcher renews the session by automated login,
 * or once automated login needs a human.
 */
public record SessionView(String accountId, String status, String validatedAt, long version, String expiredAt,
                          Long renewalLeaseUntil, String loginBlocked, String importedBy) {}
