package dev.placenotify.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.placenotify.fetcher.BookingPage;
import dev.placenotify.operator.scenario.Scenario;
import dev.placenotify.model.Booking;
import dev.placenotify.model.SkippedItem;
import dev.placenotify.model.StoreCatalog;
import dev.placenotify.operator.rules.ScenarioFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The preview reads scenario files itself (the operator CLI cannot depend on the local module): for every
 * scenario the project ships it must see the same stores, settings, ticks and bookings as {@code ./run-local
 * simulate} does.
 */
class ScenarioFileTest {
    static Stream<Path> scenarios() throws IOException {
        return Files.list(Path.of("src/test/resources/scenarios")).filter(f -> f.toString().endsWith(".json")).sorted();
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void thePreviewReadsEveryScenarioAsTheLocalRunnerDoes(Path file) throws IOException {
        String json = Files.readString(file, StandardCharsets.UTF_8);
        Scenario runner = Scenario.parse(json);
        ScenarioFile preview = ScenarioFile.parse(json, file.toString());

        assertThat(preview.storeIds()).isEqualTo(runner.storeIds());
        assertThat(preview.stores().all()).isEqualTo(StoreCatalog.parse(runner.storesJson()).all());
        assertThat(preview.ticks()).hasSameSizeAs(runner.ticks());
        for (int i = 0; i < runner.ticks().size(); i++) {
            Scenario.Tick expected = runner.ticks().get(i);
            ScenarioFile.Tick actual = preview.ticks().get(i);
            assertThat(actual.at()).isEqualTo(expected.at());
            assertThat(actual.bookings().keySet()).isEqualTo(expected.bookings().keySet());
            expected.bookings().forEach((store, bookings) -> {
                BookingPage page = actual.bookings().get(store);
                List<String> ids = new ArrayList<>(page.bookings().stream().map(Booking::bookingId).toList());
                page.skipped().stream().map(SkippedItem::bookingId).forEach(ids::add);
                assertThat(ids).containsExactlyInAnyOrderElementsOf(bookings.stream()
                        .map(b -> b.hasNonNull("bookingId") ? b.get("bookingId").asText() : null).toList());
                assertThat(page.entries()).isEqualTo(bookings.size());
            });
        }
    }
}
