package dev.placenotify.testsupport.sim;

import java.time.Instant;

/**
 * One visit of the Naver account page ({@code /user2/help/myInfoV2}) that the fetcher uses to tell an expired
 * login from a refusal of one store's query.
 *
 * @param nidAut       the {@code NID_AUT} cookie sent
 * @param sessionValid whether the cookie pair was an accepted, unexpired session
 */
public record SessionCheckRequest(String nidAut, boolean sessionValid, Instant receivedAt) {}
