package dev.placenotify.operator.session;

import com.fasterxml.jackson.databind.JsonNode;
import dev.placenotify.model.DateWindow;
import dev.placenotify.model.MessageCodec;
import dev.placenotify.model.Messages;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Asks the Naver partner API whether a cookie pair works: one page of one store's confirmed bookings for
 * today, with the partner console's headers. A working session answers a JSON array; an expired one answers 401/403, a redirect to the login
 * page, an HTML page or an error object.
 */
public final class NaverSessionProbe {
    /**
     * The partner console's browser, as the fetcher sends it (fetcher's NaverConsoleHeaders; the CLI does not
     * depend on the fetcher module): the partner API refuses requests that do not look like the console's.
     */
    static final String USER_AGENT = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
            + "(KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
    private static final DateTimeFormatter NAVER_INSTANT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    /** What Naver said. {@code detail} never contains the cookies. */
    public record Verdict(boolean accepted, String detail) {}

    private final HttpClient http;
    private final URI baseUrl;

    public NaverSessionProbe(URI baseUrl) {
        // No redirects: a redirect to the login page is the answer.
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.baseUrl = baseUrl;
    }

    public Verdict check(CookiePair cookies, String storeId, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, Messages.KST);
        Instant start = today.atStartOfDay(Messages.KST).toInstant();
        Instant end = today.plusDays(1).atStartOfDay(Messages.KST).toInstant().minusMillis(1);
        String query = "bizItemTypes=STANDARD&bookingStatusCodes=RC03&dateDropdownType=DIRECT&dateFilter=USEDATE"
                + "&startDateTime=" + enc(NAVER_INSTANT.format(start)) + "&endDateTime=" + enc(NAVER_INSTANT.format(end))
                + "&maxDays=" + DateWindow.MAX_DAYS_PER_QUERY + "&orderByStartDate=ASC&page=0&size=1"
                + "&noCache=" + now.toEpochMilli();
        URI uri = baseUrl.resolve("/api/businesses/" + enc(storeId) + "/bookings?" + query);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET()
                .header("x-booking-naver-role", "OWNER")
                .header("Referer", "https://partner.booking.naver.com/bizes/" + storeId + "/booking-list-view")
                .header("User-Agent", USER_AGENT)
                .header("Accept", "*/*")
                .header("Cookie", cookies.cookieHeader()).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach Naver at " + baseUrl + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking Naver", e);
        }
        int code = response.statusCode();
        if (code >= 300 && code < 400) {
            return new Verdict(false, "Naver redirected to " + response.headers().firstValue("Location")
                    .map(l -> l.replaceAll("\\?.*", "")).orElse("another page") + " (HTTP " + code + ", login required)");
        }
        if (code != 200) {
            return new Verdict(false, "Naver answered HTTP " + code);
        }
        try {
            JsonNode body = MessageCodec.mapper().readTree(response.body());
            if (body != null && body.isArray()) {
                return new Verdict(true, "Naver answered the bookings query of store " + storeId);
            }
            return new Verdict(false, "Naver answered HTTP 200 with a JSON " + (body == null ? "nothing" : body.getNodeType())
                    + " instead of a bookings array (session not accepted)");
        } catch (Exception notJson) {
            return new Verdict(false, "Naver answered HTTP 200 with a page that is not JSON (login page?)");
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
