package dev.placenotify.operator.legacy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.placenotify.operator.legacy.LegacyChange.LegacyBooking;
import dev.placenotify.planner.core.BookingState;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Importing a legacy booking adds what the legacy sent to the state, never removes anything, and only once. */
class LegacyChangeTest {
    private static final Duration TTL = Duration.ofDays(30);
    private static final Instant IMPORT = Instant.parse("2025-10-22T04:30:00Z");
    private static final Instant START = Instant.parse("2025-10-22T06:30:00Z");
    private static final String CONFIRMATION = "1051707:5011:CONFIRMATION";
    private static final String REMINDER = "1051707:5011:REMINDER:" + START.getEpochSecond();

    @Test
    void aBookingWithoutStateGetsOneSeenAtTheImportHoldingWhatTheLegacySent() {
        LegacyChange c = LegacyChange.of(legacy(Set.of(CONFIRMATION)), null, IMPORT, TTL);

        assertThat(c).isEqualTo(new LegacyChange.Create(new BookingState("5011", null, START, Set.of(CONFIRMATION), Set.of(), 1,
                START.plus(TTL), IMPORT, null)));
    }

    @Test
    void anExistingStateGainsTheKeysLosesThemFromPendingAndKeepsEverythingElse() {
        Instant seen = IMPORT.minus(Duration.ofDays(2));
        Instant snapshot = IMPORT.minus(Duration.ofMinutes(20));
        BookingState before = new BookingState("5011", "RC03", START.plus(Duration.ofHours(1)), Set.of(CONFIRMATION, REMINDER),
                Set.of(REMINDER), 4, START.plus(Duration.ofDays(40)), seen, snapshot);

        LegacyChange c = LegacyChange.of(legacy(Set.of(REMINDER, "1051707:5011:EVENT:2025-10-22")), before, IMPORT, TTL);

        assertThat(c).isInstanceOfSatisfying(LegacyChange.Update.class, u -> {
            assertThat(u.after()).isEqualTo(new BookingState("5011", "RC03", before.startAt(),
                    Set.of(CONFIRMATION, REMINDER, "1051707:5011:EVENT:2025-10-22"), Set.of(), 5, before.expiresAt(), seen, snapshot));
            assertThat(u.addedKeys()).containsExactly("1051707:5011:EVENT:2025-10-22");
        });
    }

    @Test
    void aStateThatAlreadySaysItAllIsUnchanged() {
        BookingState before = new BookingState("5011", "RC03", START, Set.of(CONFIRMATION), Set.of(), 2, START.plus(TTL),
                IMPORT.minus(Duration.ofDays(1)), null);

        assertThat(LegacyChange.of(legacy(Set.of(CONFIRMATION)), before, IMPORT, TTL)).isEqualTo(new LegacyChange.Unchanged(before));
        assertThat(LegacyChange.of(legacy(Set.of()), before, IMPORT, TTL)).isInstanceOf(LegacyChange.Unchanged.class);
    }

    @Test
    void aStateWithoutFirstSeenBecomesSeenAtTheImport() {
        BookingState before = new BookingState("5011", "RC02", START, Set.of(), Set.of(), 1, START.plus(TTL), null, null);

        assertThat(LegacyChange.of(legacy(Set.of()), before, IMPORT, TTL)).isInstanceOfSatisfying(LegacyChange.Update.class,
                u -> assertThat(u.after().firstSeenAt()).isEqualTo(IMPORT));
    }

    @Test
    void aReservationOlderThanTheStateTtlIsNotImported() {
        Instant longAgo = IMPORT.minus(TTL);
        assertThat(LegacyChange.of(new LegacyBooking("1051707", "5011", longAgo, Set.of()), null, IMPORT, TTL))
                .isEqualTo(new LegacyChange.TooOld(longAgo));
        assertThat(LegacyChange.of(new LegacyBooking("1051707", "5011", longAgo.plusSeconds(1), Set.of()), null, IMPORT, TTL))
                .isInstanceOf(LegacyChange.Create.class);
    }

    @Property
    void importingTwiceChangesNothingTheSecondTimeAndNeverLosesAKey(@ForAll("states") BookingState before,
                                                                    @ForAll("keySets") Set<String> sent) {
        LegacyChange first = LegacyChange.of(legacy(sent), before, IMPORT, TTL);
        BookingState after = switch (first) {
            case LegacyChange.Create c -> c.state();
            case LegacyChange.Update u -> u.after();
            case LegacyChange.Unchanged u -> u.state();
            case LegacyChange.TooOld t -> throw new AssertionError("start is ahead");
        };

        assertThat(after.plannedKeys()).containsAll(sent);
        if (before != null) {
            assertThat(after.plannedKeys()).containsAll(before.plannedKeys());
            assertThat(after.version()).isBetween(before.version(), before.version() + 1);
            assertThat(after.status()).isEqualTo(before.status());
        }
        assertThat(after.pendingKeys()).noneMatch(sent::contains);
        assertThat(after.firstSeenAt()).isNotNull();
        assertThat(LegacyChange.of(legacy(sent), after, IMPORT.plusSeconds(60), TTL)).isEqualTo(new LegacyChange.Unchanged(after));
    }

    @Provide
    Arbitrary<Set<String>> keySets() {
        return Arbitraries.of(CONFIRMATION, REMINDER, "1051707:5011:EVENT:2025-10-22", "1051707:5011:CANCELLATION")
                .set().ofMaxSize(4);
    }

    @Provide
    Arbitrary<BookingState> states() {
        Arbitrary<BookingState> some = keySets().flatMap(planned -> Arbitraries.subsetOf(planned).flatMap(pending ->
                Arbitraries.longs().between(1, 20).flatMap(version -> Arbitraries.of("RC02", "RC03", "RC04").flatMap(status ->
                        Arbitraries.of(true, false).map(seen -> new BookingState("5011", status, START, new HashSet<>(planned),
                                new HashSet<>(pending), version, START.plus(TTL),
                                seen ? IMPORT.minus(Duration.ofDays(1)) : null, null))))));
        return some.injectNull(0.2);
    }

    private static LegacyBooking legacy(Set<String> keys) {
        return new LegacyBooking("1051707", "5011", START, keys);
    }
}
