package dev.placenotify.notifier;

import static dev.placenotify.notifier.Tallies.outcomes;
import static dev.placenotify.notifier.Tallies.planned;
import static org.assertj.core.api.Assertions.assertThat;

import dev.placenotify.model.OutcomeStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunTallyTest {
    private static final Instant FIRST = Instant.parse("2025-10-22T05:00:05Z");
    private static final Instant DEADLINE = FIRST.plus(Duration.ofMinutes(10));
    private static final Duration GRACE = Duration.ofMinutes(2);
    private static final Instant SOON = FIRST.plusSeconds(30);

    @Test
    void announcedRunWithEveryStorePlannedAndEveryJobSettledIsComplete() {
        RunTally t = Tallies.tally(true, List.of("A", "B"), Map.of("A", planned("A", 2, 1), "B", planned("B", 1, 0)),
                outcomes(OutcomeStatus.SENT, "CONFIRMATION", 3).plus(outcomes(OutcomeStatus.SKIPPED, "REMINDER", 1)),
                FIRST, DEADLINE);
        assertThat(t.plannedJobs()).isEqualTo(4);
        assertThat(t.pendingJobs()).isZero();
        assertThat(t.settled(SOON, GRACE)).isTrue();
        assertThat(t.complete(SOON, GRACE)).isTrue();
        assertThat(t.due(SOON, GRACE)).isTrue();
    }

    @Test
    void aJobWithoutOutcomeKeepsTheRunOpenUntilItsDeadline() {
        RunTally t = Tallies.tally(true, List.of("A"), Map.of("A", planned("A", 2, 1)),
                outcomes(OutcomeStatus.SENT, "CONFIRMATION", 2), FIRST, DEADLINE);
        assertThat(t.pendingJobs()).isEqualTo(1);
        assertThat(t.settled(SOON, GRACE)).isFalse();
        assertThat(t.due(SOON, GRACE)).isFalse();
        assertThat(t.due(DEADLINE, GRACE)).isTrue();
        assertThat(t.complete(DEADLINE, GRACE)).isFalse();
    }

    @Test
    void aStoreNotYetReportedIsMissing() {
        RunTally t = Tallies.tally(true, List.of("A", "B"), Map.of("A", planned("A", 0, 0)), OutcomeCounts.empty(), FIRST, DEADLINE);
        assertThat(t.missingStores()).containsExactly("B");
        assertThat(t.settled(SOON, GRACE)).isFalse();
    }

    @Test
    void aStoreWithChunksStillToPlanIsMissing() {
        RunTally t = Tallies.tally(true, List.of("A"), Map.of("A", Tallies.fetchedNotPlanned("A", 3)), OutcomeCounts.empty(),
                FIRST, DEADLINE);
        assertThat(t.missingStores()).containsExactly("A");
    }

    @Test
    void aFailedStoreSettlesTheRunButItWaitsForTheDeadlineAsIncomplete() {
        RunTally t = Tallies.tally(true, List.of("A", "B"), Map.of("A", planned("A", 1, 0), "B", Tallies.failed("B", "Naver 500")),
                outcomes(OutcomeStatus.SENT, "CONFIRMATION", 1), FIRST, DEADLINE);
        assertThat(t.failedStores()).containsExactly("B");
        assertThat(t.missingStores()).isEmpty();
        assertThat(t.settled(SOON, GRACE)).isTrue();
        assertThat(t.complete(SOON, GRACE)).isFalse();
        assertThat(t.due(SOON, GRACE)).isFalse();
        assertThat(t.due(DEADLINE, GRACE)).isTrue();
    }

    @Test
    void aFailureLaterRepairedByARedriveNoLongerCounts() {
        StoreTally repaired = new StoreTally("A", true, "Naver 500", 1, java.util.Set.of(0), Map.of(), Map.of(), 0, List.of());
        RunTally t = Tallies.tally(true, List.of("A"), Map.of("A", repaired), OutcomeCounts.empty(), FIRST, DEADLINE);
        assertThat(t.failedStores()).isEmpty();
        assertThat(t.complete(SOON, GRACE)).isTrue();
    }

    @Test
    void anUnannouncedRunWaitsForItsAnnouncementBeforeTrustingTheStoresItHasSeen() {
        // Store A's whole story arrived before RunStarted: it must not be summarised as a one-store run.
        RunTally t = Tallies.tally(false, List.of(), Map.of("A", planned("A", 1, 0)),
                outcomes(OutcomeStatus.SENT, "CONFIRMATION", 1), FIRST, DEADLINE);
        assertThat(t.expectedStores()).containsExactly("A");
        assertThat(t.settled(SOON, GRACE)).isFalse();
        assertThat(t.settled(FIRST.plus(GRACE), GRACE)).isTrue();
    }

    @Test
    void anUnannouncedRunThatHasSeenNoStoreNeverSettles() {
        RunTally t = Tallies.tally(false, List.of(), Map.of(), outcomes(OutcomeStatus.SENT, "CONFIRMATION", 1),
                FIRST, DEADLINE);
        assertThat(t.settled(DEADLINE.plusSeconds(3600), GRACE)).isFalse();
        assertThat(t.due(DEADLINE, GRACE)).isTrue();
    }

    @Test
    void anAnnouncedRunWithNoStoresIsCompleteAtOnce() {
        RunTally t = Tallies.tally(true, List.of(), Map.of(), OutcomeCounts.empty(), FIRST, DEADLINE);
        assertThat(t.complete(FIRST, GRACE)).isTrue();
    }

    @Test
    void outcomesBeyondThePlanAreCountedAsUnplannedNotHidden() {
        RunTally t = Tallies.tally(true, List.of("A"), Map.of("A", planned("A", 1, 0)),
                outcomes(OutcomeStatus.SENT, "CONFIRMATION", 3), FIRST, DEADLINE);
        assertThat(t.pendingJobs()).isZero();
        assertThat(t.unplannedOutcomes()).isEqualTo(2);
    }
}
