package dev.placenotify.notifier;

import dev.placenotify.model.items.RunsTableLayout;

import static dev.placenotify.notifier.RunItems.n;
import static dev.placenotify.notifier.RunItems.s;
import static org.assertj.core.api.Assertions.assertThat;

import dev.placenotify.model.ChunkPlanned;
import dev.placenotify.model.JobRef;
import dev.placenotify.model.Messages;
import dev.placenotify.model.OutcomeStatus;
import dev.placenotify.model.RunNote;
import dev.placenotify.model.SendOutcome;
import dev.placenotify.model.SkippedItem;
import dev.placenotify.model.SmsType;
import dev.placenotify.model.items.RunsTableLayout.Labels;
import dev.placenotify.model.items.RunsTableLayout.OutcomeShard;
import dev.placenotify.model.items.RunsTableLayout.StoreItem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The shape of the ledger's conditional updates; that DynamoDB applies them as meant is LedgerRacesTest's and the notifier ITs' work. */
class RunUpdatesTest {
    private static final String RUN_ID = "c20251022T1400";
    private static final AttributeValue EXPIRY = n(1_763_700_000L);
    private static final String OWN_RULE = "가을 프로모션";

    @Test
    void aPlannedChunkCountsItsJobsByRuleThroughPlaceholdersAndOnlyOnce() {
        ChunkPlanned chunk = new ChunkPlanned(Messages.SCHEMA_VERSION, RUN_ID, "1051707", 2,
                List.of(job("CONFIRMATION", "예약확정", "k1"), job("CONFIRMATION", "예약확정", "k2"), job(OWN_RULE, "가을 이벤트", "k3")),
                List.of(new SkippedItem("5012", "no phone")));

        RunUpdates.ItemUpdate u = RunUpdates.plannedChunk(chunk, EXPIRY);

        assertThat(u.update()).doesNotContain(OWN_RULE).doesNotContain("CONFIRMATION");
        assertThat(u.condition()).isEqualTo("attribute_not_exists(plannedChunks) OR NOT contains(plannedChunks, :i)");
        assertThat(u.values().get(":i")).isEqualTo(n(2));
        assertThat(u.values().get(":idx")).isEqualTo(AttributeValue.fromNs(List.of("2")));
        Map<String, Integer> counted = new HashMap<>();
        Map<String, String> labels = new HashMap<>();
        u.names().forEach((placeholder, name) -> {
            assertThat(u.update()).contains(placeholder);
            AttributeValue value = u.values().get(":" + placeholder.substring(1));
            StoreItem.plannedRuleOf(name).ifPresent(rule -> counted.put(rule, Integer.parseInt(value.n())));
            Labels.labelledRuleOf(name).ifPresent(rule -> labels.put(rule, value.s()));
        });
        assertThat(counted).containsExactlyInAnyOrderEntriesOf(Map.of("CONFIRMATION", 2, OWN_RULE, 1));
        assertThat(labels).containsExactlyInAnyOrderEntriesOf(Map.of("CONFIRMATION", "예약확정", OWN_RULE, "가을 이벤트"));
        assertThat(u.values().get(":sk")).isEqualTo(n(1));
        assertThat(u.values().get(":reasons")).isEqualTo(AttributeValue.fromL(List.of(s("no phone"))));
        assertThat(u.update()).doesNotContain(StoreItem.NOTES);
    }

    @Test
    void aChunkWithNothingPlannedNeedsNoNames() {
        ChunkPlanned empty = new ChunkPlanned(Messages.SCHEMA_VERSION, RUN_ID, "1051707", 0, List.of(), List.of());

        RunUpdates.ItemUpdate u = RunUpdates.plannedChunk(empty, EXPIRY);

        assertThat(u.names()).as("DynamoDB refuses an empty name map: the ledger sends none").isEmpty();
        assertThat(u.update()).doesNotContain("#");
    }

    @Property(tries = 50)
    void aChunksNotesAndSkipReasonsAreKeptUpToTheirCapsAndTheRestCounted(@ForAll @IntRange(min = 1, max = 250) int notes,
                                                                          @ForAll @IntRange(min = 0, max = 30) int skipped) {
        List<RunNote> all = IntStream.range(0, notes).mapToObj(i -> new RunNote("RETOUCH", "전문가 보정", "1051707", "b" + i, null, null,
                "note " + i, Set.of(RunNote.Channel.SLACK))).toList();
        List<SkippedItem> skips = IntStream.range(0, skipped).mapToObj(i -> new SkippedItem("b" + i, "reason " + i)).toList();

        RunUpdates.ItemUpdate u = RunUpdates.plannedChunk(
                new ChunkPlanned(Messages.SCHEMA_VERSION, RUN_ID, "1051707", 0, List.of(), skips, all), EXPIRY);

        int kept = Math.min(notes, RunsTableLayout.MAX_NOTES_PER_CHUNK);
        assertThat(u.values().get(":notes").l()).hasSize(kept);
        assertThat(RunItems.note(u.values().get(":notes").l().get(0))).isEqualTo(all.get(0));
        if (notes > kept) {
            assertThat(u.update()).contains(StoreItem.NOTES_OMITTED + " :no");
            assertThat(u.values().get(":no")).isEqualTo(n(notes - kept));
        } else {
            assertThat(u.update()).doesNotContain(StoreItem.NOTES_OMITTED);
        }
        assertThat(u.values().get(":reasons").l()).hasSize(Math.min(skipped, RunsTableLayout.MAX_SKIP_REASONS_PER_CHUNK));
        assertThat(u.values().get(":sk")).as("every skip counted").isEqualTo(n(skipped));
    }

    @Test
    void anOutcomeWhileTheShardIsOpenIsCountedByStatusRuleAndTypeWithItsLine() {
        SendOutcome sent = outcome(job(OWN_RULE, "가을 이벤트", "1051707:5011:" + OWN_RULE), OutcomeStatus.SENT, false);

        RunUpdates.ItemUpdate u = RunUpdates.outcome(sent, false, true, EXPIRY);

        assertThat(u.condition()).isEqualTo("attribute_not_exists(closed) AND (attribute_not_exists(#keys) OR NOT contains(#keys, :k))");
        assertThat(u.update()).doesNotContain(OWN_RULE).doesNotContain(OutcomeShard.LATE_VERSION);
        assertThat(u.names()).containsEntry("#keys", OutcomeShard.KEYS)
                .containsEntry("#c", OutcomeShard.outcomeCounter(OutcomeStatus.SENT, OWN_RULE))
                .containsEntry("#t", OutcomeShard.sentCounter(SmsType.LMS))
                .containsEntry("#label", Labels.labelAttribute(OWN_RULE))
                .containsEntry("#lines", OutcomeShard.LINES)
                .doesNotContainKeys("#r", "#omitted");
        assertThat(u.values().get(":k")).isEqualTo(s(sent.job().idempotencyKey()));
        assertThat(u.values().get(":label")).isEqualTo(s("가을 이벤트"));
        assertThat(RunItems.line(u.values().get(":line").l().get(0))).isEqualTo(TextLine.of(sent));
    }

    @Test
    void aLateOutcomeIsCountedUnderTheLateNamesAndMovesTheLateVersion() {
        SendOutcome failed = outcome(job("REMINDER", "상세안내", "1051707:5011:REMINDER"), OutcomeStatus.FAILED, false);

        RunUpdates.ItemUpdate u = RunUpdates.outcome(failed, true, true, EXPIRY);

        assertThat(u.condition()).as("counted once per key, closed or not").isEqualTo("attribute_not_exists(#keys) OR NOT contains(#keys, :k)");
        assertThat(u.update()).contains(OutcomeShard.LATE_VERSION + " :one");
        assertThat(u.names()).containsEntry("#c", OutcomeShard.late(OutcomeShard.outcomeCounter(OutcomeStatus.FAILED, "REMINDER")))
                .containsEntry("#lines", OutcomeShard.late(OutcomeShard.LINES))
                .containsEntry("#keys", OutcomeShard.KEYS)
                .doesNotContainKey("#t");
    }

    @Test
    void aReplayIsCountedButNeitherPricedNorListedAndASkipIsNotListed() {
        RunUpdates.ItemUpdate replay = RunUpdates.outcome(outcome(job("CONFIRMATION", "예약확정", "k1"), OutcomeStatus.SENT, true),
                false, false, EXPIRY);
        assertThat(replay.names()).containsEntry("#r", OutcomeShard.REPLAYED).doesNotContainKeys("#t", "#lines", "#omitted");

        RunUpdates.ItemUpdate skip = RunUpdates.outcome(outcome(job("CONFIRMATION", "예약확정", "k2"), OutcomeStatus.SKIPPED, false),
                false, false, EXPIRY);
        assertThat(skip.names()).containsEntry("#c", OutcomeShard.outcomeCounter(OutcomeStatus.SKIPPED, "CONFIRMATION"))
                .doesNotContainKeys("#r", "#t", "#lines", "#omitted");
    }

    @Test
    void aListedOutcomeWithoutRoomForItsLineCountsTheLineAsOmitted() {
        RunUpdates.ItemUpdate u = RunUpdates.outcome(outcome(job("CONFIRMATION", "예약확정", "k1"), OutcomeStatus.SENT, false),
                false, false, EXPIRY);

        assertThat(u.names()).containsEntry("#omitted", OutcomeShard.LINES_OMITTED).doesNotContainKey("#lines");
        assertThat(u.values()).doesNotContainKey(":line");
    }

    @Test
    void aShardWithNothingLateHasNothingToTake() {
        Map<String, AttributeValue> shard = new HashMap<>(RunItems.key(RUN_ID, RunsTableLayout.outcomeShardItem(4)));
        shard.put(OutcomeShard.outcomeCounter(OutcomeStatus.SENT, "CONFIRMATION"), n(3));
        shard.put(OutcomeShard.LATE_VERSION, n(2));
        shard.put(OutcomeShard.took("c20251022T1420"), AttributeValue.fromM(Map.of(OutcomeShard.outcomeCounter(OutcomeStatus.SENT, "CONFIRMATION"), n(1))));

        assertThat(RunUpdates.takeLate(shard, "c20251022T1440")).isEmpty();
    }

    @Property(tries = 100)
    void whatATakeRecordsIsExactlyWhatWasLateAddedToWhatTheSameSummaryTookBefore(
            @ForAll @IntRange(min = 0, max = 5) int lateSent, @ForAll @IntRange(min = 0, max = 5) int lateFailed,
            @ForAll @IntRange(min = 0, max = 5) int tookBefore) {
        String taker = "c20251022T1440";
        Map<String, AttributeValue> shard = new HashMap<>(RunItems.key(RUN_ID, RunsTableLayout.outcomeShardItem(4)));
        shard.put(OutcomeShard.outcomeCounter(OutcomeStatus.SENT, "CONFIRMATION"), n(9));
        shard.put(OutcomeShard.LATE_VERSION, n(7));
        List<AttributeValue> lateLines = new ArrayList<>();
        if (lateSent > 0) {
            shard.put(OutcomeShard.late(OutcomeShard.outcomeCounter(OutcomeStatus.SENT, "REMINDER")), n(lateSent));
            shard.put(OutcomeShard.late(OutcomeShard.sentCounter(SmsType.LMS)), n(lateSent));
            for (int i = 0; i < lateSent; i++) {
                lateLines.add(RunItems.lineItem(new TextLine(OutcomeStatus.SENT, "REMINDER", "상세안내", "1051707", "최*우", "432" + i)));
            }
            shard.put(OutcomeShard.late(OutcomeShard.LINES), AttributeValue.fromL(lateLines));
        }
        if (lateFailed > 0) {
            shard.put(OutcomeShard.late(OutcomeShard.outcomeCounter(OutcomeStatus.FAILED, "REMINDER")), n(lateFailed));
        }
        Map<String, AttributeValue> before = new HashMap<>();
        if (tookBefore > 0) {
            before.put(OutcomeShard.outcomeCounter(OutcomeStatus.SENT, "REMINDER"), n(tookBefore));
            before.put(OutcomeShard.LINES, AttributeValue.fromL(List.of(RunItems.lineItem(
                    new TextLine(OutcomeStatus.SENT, "REMINDER", "상세안내", "951291", "김*수", "5678")))));
            shard.put(OutcomeShard.took(taker), AttributeValue.fromM(before));
        }
        OutcomeCounts wasLate = RunItems.outcomes(shard, OutcomeShard.LATE_PREFIX);

        var take = RunUpdates.takeLate(shard, taker);

        if (lateSent + lateFailed == 0) {
            assertThat(take).isEmpty();
            return;
        }
        RunUpdates.ItemUpdate u = take.orElseThrow();
        assertThat(u.condition()).isEqualTo(OutcomeShard.LATE_VERSION + " = :v");
        assertThat(u.values().get(":v")).isEqualTo(n(7));
        assertThat(u.update()).contains("ADD " + OutcomeShard.LATE_VERSION + " :one");
        assertThat(u.names()).containsEntry("#took", OutcomeShard.took(taker));
        assertThat(u.names().values().stream().filter(a -> a.startsWith(OutcomeShard.LATE_PREFIX)))
                .as("every late attribute is removed")
                .containsExactlyInAnyOrderElementsOf(shard.keySet().stream().filter(a -> a.startsWith(OutcomeShard.LATE_PREFIX)).toList());
        OutcomeCounts took = RunItems.outcomes(u.values().get(":took").m(), "");
        OutcomeCounts expected = RunItems.outcomes(before, "").plus(wasLate);
        assertThat(took.byStatusAndKind()).isEqualTo(expected.byStatusAndKind());
        assertThat(took.sentByType()).isEqualTo(expected.sentByType());
        assertThat(took.lines()).containsExactlyInAnyOrderElementsOf(expected.lines());
    }

    private static JobRef job(String rule, String label, String key) {
        return new JobRef("1051707", "5011", rule, label, key, SmsType.LMS, "김*수", "5678");
    }

    private static SendOutcome outcome(JobRef job, OutcomeStatus status, boolean replayed) {
        return SendOutcome.of(RUN_ID, job, status, status == OutcomeStatus.SENT ? "req-1" : null, null,
                Instant.parse("2025-10-22T05:01:00Z"), replayed);
    }
}
