package dev.placenotify.testsupport.sim;

/**
 * How the Naver partner API answers a request whose login cookies are missing or expired. The real
 * service has answered in each of these ways; a fetcher must recognise all of them as "log in again".
 */
public enum ExpiredSessionStyle {
    /** 401 with {@code {"error":"UNAUTHORIZED","message":"login required"}}. */
    UNAUTHORIZED_JSON,
    /** 403 with {@code {"error":"FORBIDDEN","message":"access denied"}}. */
    FORBIDDEN_JSON,
    /** 302 to {@code https://nid.naver.com/nidlogin.login?...} with an HTML body. */
    REDIRECT_TO_LOGIN,
    /** 200 with the login page's HTML, as seen by a client that followed the redirect. */
    LOGIN_PAGE_200,
    /** 200 with a JSON error object where the bookings array should be. */
    ERROR_OBJECT_200
}
