package dev.placenotify.fetcher;

import dev.placenotify.model.Booking;
import dev.placenotify.model.SkippedItem;
import java.util.List;

/** One page of the Naver answer: the bookings that parsed, the entries that did not, and the raw count. */
public record BookingPage(List<Booking> bookings, List<SkippedItem> skipped, int entries) {}
