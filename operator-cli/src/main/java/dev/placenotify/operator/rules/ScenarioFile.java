package dev.placenotify.operator.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.placenotify.fetcher.BookingPage;
import dev.placenotify.fetcher.NaverBookingParser;
import dev.placenotify.fetcher.NotABookingListException;
import dev.placenotify.model.MessageCodec;
import dev.placenotify.model.StoreCatalog;
import dev.placenotify.operator.scenario.Scenario;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A scenario file of {@code ./run-local simulate} (docs/planner.md) read for a preview: the {@link Scenario}
 * the local runner reads, with its stores as a catalog and each tick's bookings read by the fetcher's own
 * parser, so the preview plans exactly what the pipeline would.
 */
public record ScenarioFile(String source, StoreCatalog stores, List<String> storeIds, List<Tick> ticks) {

    /** One tick: its time and, per store, what Naver's answer holds (bookings and unreadable entries). */
    public record Tick(int index, OffsetDateTime at, Map<String, BookingPage> bookings) {
        public Tick {
            bookings = Map.copyOf(bookings);
        }
    }

    public static final class InvalidScenarioException extends RuntimeException {
        InvalidScenarioException(String message) {
            super(message);
        }
    }

    public static ScenarioFile read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new InvalidScenarioException("cannot read scenario " + file + ": " + e.getMessage());
        }
    }

    public static ScenarioFile parse(String json, String source) {
        Scenario scenario;
        try {
            scenario = Scenario.parse(json);
        } catch (Scenario.InvalidScenarioException e) {
            throw new InvalidScenarioException("scenario " + source + " cannot be previewed: " + e.getMessage());
        }
        List<Tick> ticks = new ArrayList<>();
        for (int i = 0; i < scenario.ticks().size(); i++) {
            Scenario.Tick t = scenario.ticks().get(i);
            Map<String, BookingPage> bookings = new LinkedHashMap<>();
            t.bookings().forEach((store, list) -> bookings.put(store, page(list)));
            ticks.add(new Tick(i, t.at(), bookings));
        }
        return new ScenarioFile(source, StoreCatalog.parse(scenario.storesJson()), scenario.storeIds(), List.copyOf(ticks));
    }

    private static BookingPage page(List<JsonNode> bookings) {
        try {
            return NaverBookingParser.parse(MessageCodec.encode(bookings));
        } catch (NotABookingListException impossible) {
            throw new IllegalStateException("a list of bookings is a bookings answer", impossible);
        }
    }
}
