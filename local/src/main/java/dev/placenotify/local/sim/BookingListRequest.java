package dev.placenotify.local.sim;

import java.time.Instant;
import java.util.List;

/**
 * One call of the Naver booking list as received. Fields the client sent malformed or not at all
 * are null, so tests can assert on exactly what a fetcher asked for.
 *
 * @param nidAut       the {@code NID_AUT} cookie sent (identifies the account whose session was used)
 * @param sessionValid whether the cookie pair was an accepted, unexpired session
 */
public record BookingListRequest(String businessId, List<String> statusCodes, Instant start, Instant end,
                                 Integer page, Integer size, String nidAut, boolean sessionValid, Instant receivedAt) {}
