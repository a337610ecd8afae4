package dev.placenotify.testsupport.sim;

import java.time.Instant;
import java.util.List;

/**
 * One call of the Naver booking list as received. Fields the client sent malformed or not at all
 * are null, so tests can assert on exactly what a fetcher asked for.
 *
 * @param nidAut         the {@code NID_AUT} cookie sent (identifies the account whose session was used)
 * @param sessionValid   whether the cookie pair was an accepted, unexpired session
 * @param role           the {@code x-booking-naver-role} header
 * @param referer        the {@code Referer} header
 * @param userAgent      the {@code User-Agent} header
 * @param accept         the {@code Accept} header
 * @param noCache        the {@code noCache} query parameter (the partner console's cache buster, epoch ms)
 * @param consoleHeaders whether the headers are the partner console's, as the simulator requires them
 */
public record BookingListRequest(String businessId, List<String> statusCodes, Instant start, Instant end,
                                 Integer page, Integer size, String nidAut, boolean sessionValid, Instant receivedAt,
                                 String role, String referer, String userAgent, String accept, String noCache,
                                 boolean consoleHeaders) {}
