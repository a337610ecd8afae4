package dev.placenotify.notifier;

import dev.placenotify.model.items.RunsTableLayout;

import static dev.placenotify.notifier.RunItems.n;
import static dev.placenotify.notifier.RunItems.s;
import static org.assertj.core.api.Assertions.assertThat;

import dev.placenotify.model.FetchMode;
import dev.placenotify.model.OutcomeStatus;
import dev.placenotify.model.RunNote;
import dev.placenotify.model.SmsType;
import dev.placenotify.model.items.RunsTableLayout.Labels;
import dev.placenotify.model.items.RunsTableLayout.OutcomeShard;
import dev.placenotify.model.items.RunsTableLayout.RunItem;
import dev.placenotify.model.items.RunsTableLayout.StoreItem;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class RunItemsTest {
    private static final String RUN_ID = "c20251022T1400";
    private static final Instant FIRST_SEEN = Instant.parse("2025-10-22T05:00:03Z");
    private static final Instant CYCLE = Instant.parse("2025-10-22T05:00:00Z");

    @Property(tries = 300)
    void aLineReadsBackAsStored(@ForAll("lines") TextLine line) {
        assertThat(RunItems.line(RunItems.lineItem(line))).isEqualTo(line);
    }

    @Property(tries = 200)
    void aNoteReadsBackAsStoredWithItsTextCut(@ForAll("notes") RunNote note) {
        RunNote back = RunItems.note(RunItems.noteItem(note));

        String kept = note.text().substring(0, Math.min(note.text().length(), RunsTableLayout.MAX_NOTE_TEXT));
        assertThat(back).isEqualTo(new RunNote(note.rule(), note.label(), note.storeId(), note.bookingId(), note.customer(),
                note.phoneLast4(), kept, note.channels()));
    }

    @Test
    void aShardsOwnOutcomesLeaveItsLateOnesOut() {
        Map<String, AttributeValue> shard = new HashMap<>();
        shard.put(OutcomeShard.outcomeCounter(OutcomeStatus.SENT, "CONFIRMATION"), n(3));
        shard.put(OutcomeShard.outcomeCounter(OutcomeStatus.FAILED, "가을_프로모션"), n(1));
        shard.put(OutcomeShard.sentCounter(SmsType.LMS), n(2));
        shard.put(OutcomeShard.REPLAYED, n(1));
        shard.put(OutcomeShard.LINES, AttributeValue.fromL(List.of(RunItems.lineItem(line(OutcomeStatus.SENT, "김*수", "5678")))));
        shard.put(OutcomeShard.LINES_OMITTED, n(1));
        shard.put(OutcomeShard.late(OutcomeShard.outcomeCounter(OutcomeStatus.SENT, "REMINDER")), n(4));
        shard.put(OutcomeShard.late(OutcomeShard.LINES), AttributeValue.fromL(List.of(RunItems.lineItem(line(OutcomeStatus.EXPIRED, null, null)))));
        shard.put(OutcomeShard.KEYS, AttributeValue.fromSs(List.of("k1", "k2")));
        shard.put(OutcomeShard.LATE_VERSION, n(4));
        shard.put(RunsTableLayout.EXPIRES_AT, n(1_763_700_000L));
        shard.put(Labels.labelAttribute("CONFIRMATION"), s("예약확정"));

        OutcomeCounts own = RunItems.outcomes(shard, "");
        assertThat(own.count(OutcomeStatus.SENT, "CONFIRMATION")).isEqualTo(3);
        assertThat(own.count(OutcomeStatus.FAILED, "가을_프로모션")).isEqualTo(1);
        assertThat(own.count(OutcomeStatus.SENT, "REMINDER")).isZero();
        assertThat(own.total()).isEqualTo(4);
        assertThat(own.sentByType()).containsExactly(Map.entry(SmsType.LMS, 2));
        assertThat(own.replayed()).isEqualTo(1);
        assertThat(own.lines()).containsExactly(line(OutcomeStatus.SENT, "김*수", "5678"));
        assertThat(own.linesOmitted()).isEqualTo(1);

        OutcomeCounts late = RunItems.outcomes(shard, OutcomeShard.LATE_PREFIX);
        assertThat(late.total()).isEqualTo(4);
        assertThat(late.count(OutcomeStatus.SENT, "REMINDER")).isEqualTo(4);
        assertThat(late.lines()).containsExactly(line(OutcomeStatus.EXPIRED, null, null));
        assertThat(late.replayed()).isZero();
    }

    @Test
    void aRunsItemsMakeItsTally() {
        Map<String, AttributeValue> run = new HashMap<>(RunItems.key(RUN_ID, RunsTableLayout.RUN_ITEM));
        run.put(RunItem.FIRST_SEEN_AT, s(FIRST_SEEN.toString()));
        run.put(RunItem.DEADLINE_AT, n(FIRST_SEEN.plusSeconds(600).toEpochMilli()));
        run.put(RunItem.STATUS, s(RunItem.SUMMARIZING));
        run.put(RunItem.CYCLE_AT, s(CYCLE.toString()));
        run.put(RunItem.MODE, s(FetchMode.SEED.name()));
        run.put(RunItem.ANNOUNCED, AttributeValue.fromBool(true));
        run.put(RunItem.STORE_IDS, AttributeValue.fromL(List.of(s("1051707"), s("951291"))));
        Map<String, AttributeValue> store = new HashMap<>(RunItems.key(RUN_ID, RunsTableLayout.storeItem("1051707")));
        store.put(StoreItem.FETCHED, AttributeValue.fromBool(true));
        store.put(StoreItem.CHUNK_COUNT, n(2));
        store.put(StoreItem.BY_STATUS, AttributeValue.fromM(Map.of("RC03", n(5), "RC08", n(1))));
        store.put(StoreItem.PLANNED_CHUNKS, AttributeValue.fromNs(List.of("0", "1")));
        store.put(StoreItem.plannedCounter("CONFIRMATION"), n(2));
        store.put(StoreItem.plannedCounter("가을 프로모션"), n(1));
        store.put(StoreItem.SKIPPED_COUNT, n(1));
        store.put(StoreItem.FETCH_SKIPS, n(3));
        store.put(StoreItem.SKIP_REASONS, AttributeValue.fromL(List.of(s("no phone"))));
        store.put(StoreItem.NOTES, AttributeValue.fromL(List.of(RunItems.noteItem(note("전문가 보정")))));
        store.put(StoreItem.NOTES_OMITTED, n(2));
        store.put(Labels.labelAttribute("가을 프로모션"), s("가을 프로모션"));
        Map<String, AttributeValue> shard3 = new HashMap<>(RunItems.key(RUN_ID, RunsTableLayout.outcomeShardItem(3)));
        shard3.put(OutcomeShard.outcomeCounter(OutcomeStatus.SENT, "CONFIRMATION"), n(2));
        shard3.put(Labels.labelAttribute("CONFIRMATION"), s("예약확정"));
        Map<String, AttributeValue> shard9 = new HashMap<>(RunItems.key(RUN_ID, RunsTableLayout.outcomeShardItem(9)));
        shard9.put(OutcomeShard.outcomeCounter(OutcomeStatus.SKIPPED, "가을 프로모션"), n(1));
        shard9.put(OutcomeShard.late(OutcomeShard.outcomeCounter(OutcomeStatus.SENT, "가을 프로모션")), n(7));

        RunTally t = RunItems.tally(RUN_ID, List.of(shard9, store, run, shard3)).orElseThrow();

        assertThat(t.runId()).isEqualTo(RUN_ID);
        assertThat(t.cycleAt()).isEqualTo(CYCLE);
        assertThat(t.mode()).isEqualTo(FetchMode.SEED);
        assertThat(t.announced()).isTrue();
        assertThat(t.announcedStores()).containsExactly("1051707", "951291");
        assertThat(t.status()).isEqualTo(RunTally.Status.SUMMARIZING);
        assertThat(t.firstSeenAt()).isEqualTo(FIRST_SEEN);
        assertThat(t.deadlineAt()).isEqualTo(FIRST_SEEN.plusSeconds(600));
        assertThat(t.ruleLabels()).containsExactlyInAnyOrderEntriesOf(Map.of("CONFIRMATION", "예약확정", "가을 프로모션", "가을 프로모션"));
        assertThat(t.stores()).containsOnlyKeys("1051707");
        StoreTally s = t.store("1051707");
        assertThat(s.fullyPlanned()).isTrue();
        assertThat(s.plannedByKind()).containsExactlyInAnyOrderEntriesOf(Map.of("CONFIRMATION", 2, "가을 프로모션", 1));
        assertThat(s.bookingsByStatus()).containsExactlyInAnyOrderEntriesOf(Map.of("RC03", 5, "RC08", 1));
        assertThat(s.skippedCount()).as("the larger of the planner's and the fetcher's skips").isEqualTo(3);
        assertThat(s.skipReasons()).containsExactly("no phone");
        assertThat(s.notes()).containsExactly(note("전문가 보정"));
        assertThat(s.notesOmitted()).isEqualTo(2);
        assertThat(t.outcomes().total()).as("late outcomes are not the run's").isEqualTo(3);
        assertThat(t.pendingJobs()).isZero();
    }

    @Test
    void aRunWithoutItsRunItemIsNotThereAndAMinimalOneHasTheDefaults() {
        Map<String, AttributeValue> store = new HashMap<>(RunItems.key(RUN_ID, RunsTableLayout.storeItem("1051707")));
        store.put(StoreItem.FAILED_REASON, s("Naver answered 500"));
        assertThat(RunItems.tally(RUN_ID, List.of(store))).isEmpty();

        Map<String, AttributeValue> run = new HashMap<>(RunItems.key(RUN_ID, RunsTableLayout.RUN_ITEM));
        run.put(RunItem.FIRST_SEEN_AT, s(FIRST_SEEN.toString()));
        run.put(RunItem.DEADLINE_AT, n(FIRST_SEEN.plusSeconds(600).toEpochMilli()));
        run.put(RunItem.STATUS, s(RunItem.OPEN));
        RunTally t = RunItems.tally(RUN_ID, List.of(run, store)).orElseThrow();

        assertThat(t.cycleAt()).as("a hand-made fetch has no cycle: first sight stands in").isEqualTo(FIRST_SEEN);
        assertThat(t.mode()).isEqualTo(FetchMode.NORMAL);
        assertThat(t.announced()).isFalse();
        assertThat(t.announcedStores()).isEmpty();
        assertThat(t.status()).isEqualTo(RunTally.Status.OPEN);
        StoreTally s = t.store("1051707");
        assertThat(s.chunkCount()).isEqualTo(1);
        assertThat(s.fetched()).isFalse();
        assertThat(s.failed()).isTrue();
        assertThat(s.plannedChunks()).isEmpty();
        assertThat(s.skippedCount()).isZero();
        assertThat(s.notes()).isEmpty();
    }

    @Test
    void whatASummaryTookIsReadFromItsOwnTookMapsOnly() {
        Map<String, AttributeValue> shard = new HashMap<>(RunItems.key("c20251022T1340", RunsTableLayout.outcomeShardItem(1)));
        shard.put(OutcomeShard.took(RUN_ID), AttributeValue.fromM(Map.of(
                OutcomeShard.outcomeCounter(OutcomeStatus.SENT, "REMINDER"), n(2),
                OutcomeShard.LINES, AttributeValue.fromL(List.of(RunItems.lineItem(line(OutcomeStatus.SENT, "최*우", "4321")))))));
        shard.put(OutcomeShard.took("c20251022T1420"), AttributeValue.fromM(Map.of(
                OutcomeShard.outcomeCounter(OutcomeStatus.SENT, "REMINDER"), n(5))));
        Map<String, AttributeValue> other = new HashMap<>(RunItems.key("c20251022T1340", RunsTableLayout.outcomeShardItem(6)));
        other.put(OutcomeShard.took(RUN_ID), AttributeValue.fromM(Map.of(OutcomeShard.outcomeCounter(OutcomeStatus.FAILED, "REMINDER"), n(1))));
        Map<String, AttributeValue> notAShard = new HashMap<>(RunItems.key("c20251022T1340", RunsTableLayout.storeItem("1051707")));
        notAShard.put(OutcomeShard.took(RUN_ID), AttributeValue.fromM(Map.of(OutcomeShard.outcomeCounter(OutcomeStatus.SENT, "REMINDER"), n(9))));

        OutcomeCounts taken = RunItems.taken(List.of(shard, other, notAShard), RUN_ID);

        assertThat(taken.count(OutcomeStatus.SENT)).isEqualTo(2);
        assertThat(taken.count(OutcomeStatus.FAILED)).isEqualTo(1);
        assertThat(taken.lines()).containsExactly(line(OutcomeStatus.SENT, "최*우", "4321"));
    }

    @Test
    void mergingAddsCountersJoinsListsAndOtherwiseKeepsTheNewer() {
        assertThat(RunItems.merged(n(2), n(3))).isEqualTo(n(5));
        assertThat(RunItems.merged(AttributeValue.fromL(List.of(s("a"))), AttributeValue.fromL(List.of(s("b")))))
                .isEqualTo(AttributeValue.fromL(List.of(s("a"), s("b"))));
        assertThat(RunItems.merged(s("old"), s("new"))).isEqualTo(s("new"));
    }

    @Test
    void aKeyNamesThePartitionAndTheItemAsTheTableDefinesThem() {
        assertThat(RunItems.key(RUN_ID, RunsTableLayout.RUN_ITEM)).containsExactly(
                Map.entry(RunsTableLayout.PARTITION_KEY, s(RUN_ID)), Map.entry(RunsTableLayout.SORT_KEY, s(RunsTableLayout.RUN_ITEM)));
    }

    private static TextLine line(OutcomeStatus status, String customer, String last4) {
        return new TextLine(status, "REMINDER", "상세안내", "1051707", customer, last4);
    }

    private static RunNote note(String label) {
        return new RunNote("RETOUCH", label, "1051707", "5011", "김*수", "5678", "전문가 보정 2건", Set.of(RunNote.Channel.SLACK));
    }

    @Provide
    Arbitrary<TextLine> lines() {
        Arbitrary<String> text = Arbitraries.strings().ofMinLength(1).ofMaxLength(20).filter(t -> !t.isBlank());
        return Combinators.combine(Arbitraries.of(OutcomeStatus.class), text, text, text, text.injectNull(0.3), text.injectNull(0.3))
                .as(TextLine::new);
    }

    @Provide
    Arbitrary<RunNote> notes() {
        Arbitrary<String> text = Arbitraries.strings().ofMinLength(1).ofMaxLength(20).filter(t -> !t.isBlank());
        return Combinators.combine(text, text, text, text.injectNull(0.3), text.injectNull(0.3), text.injectNull(0.3),
                        Arbitraries.strings().ofMaxLength(RunsTableLayout.MAX_NOTE_TEXT * 2),
                        Arbitraries.subsetOf(RunNote.Channel.values()))
                .as(RunNote::new);
    }
}
