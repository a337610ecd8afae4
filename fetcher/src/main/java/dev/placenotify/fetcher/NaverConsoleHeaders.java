package dev.placenotify.fetcher;

import dev.placenotify.session.NaverSession;
import java.net.http.HttpRequest;

/**
 * The headers the Naver partner console sends with its bookings queries, which the legacy sent too
 * (docs/fetcher.md): the partner API serves what looks like the console, and may refuse what does not.
 */
public final class NaverConsoleHeaders {
    /** A current desktop Chrome on Windows; {@code NAVER_USER_AGENT} replaces it without a deploy of code. */
    public static final String DEFAULT_USER_AGENT = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
            + "(KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
    private static final String CONSOLE_ORIGIN = "https://partner.booking.naver.com";

    private NaverConsoleHeaders() {}

    /** The booking list page of the business, where the console's queries come from. */
    public static String referer(String businessId) {
        return CONSOLE_ORIGIN + "/bizes/" + businessId + "/booking-list-view";
    }

    public static HttpRequest.Builder apply(HttpRequest.Builder request, String businessId, String userAgent,
                                            NaverSession session) {
        return request.header("x-booking-naver-role", "OWNER")
                .header("Referer", referer(businessId))
                .header("User-Agent", userAgent)
                .header("Accept", "*/*")
                .header("Cookie", session.cookieHeader());
    }
}
