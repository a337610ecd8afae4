package dev.placenotify.operator.session;

/**
 * A session item without its cookies: what status and {@code session check} show. {@code renewalLeaseUntil}
 * (epoch ms) is present while the renewal function logs in; {@code loginBlocked} once automated login needs a
 * person; {@code loginFailures}, {@code loginNotBefore} (epoch ms) and {@code lastLoginError} after transient
 * login failures; {@code importedBy}/{@code renewedBy} say who stored the cookies.
 */
public record SessionView(String accountId, String status, String validatedAt, long version, String expiredAt,
                          Long renewalLeaseUntil, String loginBlocked, String importedBy, String renewedBy,
                          int loginFailures, Long loginNotBefore, String lastLoginError) {}
