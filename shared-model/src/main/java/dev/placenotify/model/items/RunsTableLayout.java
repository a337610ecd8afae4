package dev.placenotify.model.items;

import dev.placenotify.model.OutcomeStatus;
import dev.placenotify.model.SmsType;
import dev.placenotify.model.Topology;
import java.util.Optional;

/**
 * The item layout of the {@code runs} table: partition and sort keys, attribute names, the names the
 * counters are spelled with, and the caps that keep an item small. It is the contract between the notifier,
 * which writes the table, and whoever reads it (the operator CLI's {@code status}, the local runner).
 *
 * <p>No AWS type appears here (a test checks the compiled class), so the layout can move beside
 * {@link Topology} into shared contracts unchanged. Turning items into tallies is {@link RunItems}'s work.
 */
public final class RunsTableLayout {
    private RunsTableLayout() {}

    public static final String PARTITION_KEY = Topology.RUNS.partitionKey();
    public static final String SORT_KEY = Topology.RUNS.sortKey();
    /** Epoch seconds after which DynamoDB removes the item; every item carries it. */
    public static final String EXPIRES_AT = Topology.RUNS.ttlAttribute();

    // Sort keys inside a run's partition (the partition key is the run id, c20251022T1400).
    public static final String RUN_ITEM = "RUN";
    public static final String SUMMARY_ITEM = "SUMMARY";
    public static final String STORE_ITEM_PREFIX = "STORE#";
    public static final String OUTCOME_SHARD_PREFIX = "OUT#";
    /** Outcomes are spread over shards so no item nears DynamoDB's 400 KB limit in a large run. */
    public static final int OUTCOME_SHARDS = 16;

    // Partitions that hold no run.
    /** One item per run not yet summarised (sort key: the run id): the sweep queries it instead of scanning. */
    public static final String OPEN_RUNS = "_open";
    /** One item per run that received outcomes after its summary (sort key: the run id), for the next summary. */
    public static final String LATE_RUNS = "_late";
    /** The alert throttle: one item per {@code CAUSE#subject}. */
    public static final String ALERTS = "_alerts";

    // What one chunk may add to its store's item; the rest is counted, not kept.
    public static final int MAX_SKIP_REASONS_PER_CHUNK = 10;
    /** Notes kept per planned chunk: a store item stays far below DynamoDB's 400 KB. */
    public static final int MAX_NOTES_PER_CHUNK = 100;
    public static final int MAX_NOTE_TEXT = 300;

    public static String storeItem(String storeId) {
        return STORE_ITEM_PREFIX + storeId;
    }

    /** The store id of a {@code STORE#<id>} sort key. */
    public static Optional<String> storeIdOf(String sortKey) {
        return sortKey.startsWith(STORE_ITEM_PREFIX) ? Optional.of(sortKey.substring(STORE_ITEM_PREFIX.length())) : Optional.empty();
    }

    public static boolean isOutcomeShard(String sortKey) {
        return sortKey.startsWith(OUTCOME_SHARD_PREFIX);
    }

    public static String outcomeShardItem(int shard) {
        return OUTCOME_SHARD_PREFIX + shard;
    }

    /** The shard item an outcome is counted on, by its idempotency key (stable across JVMs: String.hashCode is specified). */
    public static String outcomeShardOf(String idempotencyKey) {
        return outcomeShardItem(Math.floorMod(idempotencyKey.hashCode(), OUTCOME_SHARDS));
    }

    public static String alertItem(String cause, String subject) {
        return cause + "#" + subject;
    }

    /** The {@code RUN} item: the run's life, its announcement, the summary's claim and what each channel got. */
    public static final class RunItem {
        private RunItem() {}

        public static final String FIRST_SEEN_AT = "firstSeenAt";
        /** Epoch milliseconds. */
        public static final String DEADLINE_AT = "deadlineAt";
        public static final String STATUS = "status";
        public static final String OPEN = "OPEN";
        public static final String SUMMARIZING = "SUMMARIZING";
        public static final String SUMMARIZED = "SUMMARIZED";
        /** Set once the run is listed in {@link #OPEN_RUNS}. */
        public static final String OPEN_LISTED = "openListed";
        public static final String CYCLE_AT = "cycleAt";
        public static final String MODE = "mode";
        public static final String STORE_IDS = "storeIds";
        public static final String ANNOUNCED = "announced";
        /** Epoch milliseconds of the summariser's claim; 0 when it gave the claim up. */
        public static final String CLAIMED_AT = "claimedAt";
        /** Runs whose late outcomes this run's summary took. */
        public static final String LATE_FROM = "lateFrom";
        public static final String SUMMARIZED_AT = "summarizedAt";
        public static final String COMPLETE = "complete";
        public static final String SUMMARY_LINE = "summaryLine";
        /** A channel's post state: POSTING → POSTED / FAILED / UNCERTAIN. */
        public static final String TELEGRAM_STATE = "telegramState";
        public static final String SLACK_STATE = "slackState";
        /** What became of a channel's post, in words, for the operator. */
        public static final String TELEGRAM_POST = "telegram";
        public static final String SLACK_POST = "slack";
        public static final String POSTING = "POSTING";
        public static final String POSTED = "POSTED";
        public static final String FAILED = "FAILED";
        public static final String UNCERTAIN = "UNCERTAIN";
    }

    /** The {@code SUMMARY} item: the summary as composed once, before any channel is posted. */
    public static final class SummaryItem {
        private SummaryItem() {}

        public static final String TELEGRAM_PARTS = "telegramParts";
        /** The Slack payload as JSON text. */
        public static final String SLACK_PAYLOAD = "slackPayload";
        public static final String LINE = "line";
        public static final String COMPLETE = "complete";
        public static final String DURATION_MS = "durationMs";
        public static final String COMPOSED_AT = "composedAt";
    }

    /** A {@code STORE#<id>} item: the store's fetch and the chunks planned for it. */
    public static final class StoreItem {
        private StoreItem() {}

        public static final String FETCHED = "fetched";
        public static final String CHUNK_COUNT = "chunkCount";
        /** Bookings per Naver status code (a map). */
        public static final String BY_STATUS = "byStatus";
        public static final String FETCH_SKIPS = "fetchSkips";
        public static final String FAILED_REASON = "failedReason";
        /** Chunk indexes counted (a number set): the identity a redelivered chunk report is refused by. */
        public static final String PLANNED_CHUNKS = "plannedChunks";
        public static final String SKIPPED_COUNT = "skippedCount";
        public static final String SKIP_REASONS = "skipReasons";
        public static final String NOTES = "notes";
        public static final String NOTES_OMITTED = "notesOmitted";
        private static final String PLANNED_PREFIX = "planned_";

        /** {@code planned_<RULE>}: jobs planned by the rule. */
        public static String plannedCounter(String rule) {
            return PLANNED_PREFIX + rule;
        }

        public static Optional<String> plannedRuleOf(String attribute) {
            return suffix(attribute, PLANNED_PREFIX);
        }
    }

    /**
     * An {@code OUT#<n>} item: outcomes counted once per idempotency key. After the summary's close, new
     * outcomes are counted under the same names with {@link #LATE_PREFIX}; a later summary moves them into
     * {@code took_<its run id>}.
     */
    public static final class OutcomeShard {
        private OutcomeShard() {}

        /** Idempotency keys counted (a string set). */
        public static final String KEYS = "keys";
        public static final String CLOSED = "closed";
        public static final String REPLAYED = "replayed";
        public static final String LINES = "lines";
        public static final String LINES_OMITTED = "linesOmitted";
        public static final String LATE_PREFIX = "late_";
        /** Bumped by every late count and every take: a take is conditional on it. */
        public static final String LATE_VERSION = "lateVersion";
        public static final String TOOK_PREFIX = "took_";
        private static final String COUNT_PREFIX = "n_";
        private static final String SENT_PREFIX = "sent_";

        /** {@code n_<STATUS>_<RULE>}. Statuses hold no underscore, so an owner's rule id may. */
        public static String outcomeCounter(OutcomeStatus status, String rule) {
            return COUNT_PREFIX + status.name() + "_" + rule;
        }

        /** {@code sent_<SMS|LMS>}: texts SENS charged for. */
        public static String sentCounter(SmsType type) {
            return SENT_PREFIX + type.name();
        }

        public static String late(String attribute) {
            return LATE_PREFIX + attribute;
        }

        /** {@code took_<runId>}: the late outcomes the summary of {@code takerRunId} took from this shard. */
        public static String took(String takerRunId) {
            return TOOK_PREFIX + takerRunId;
        }

        /** What an outcome shard's attribute (its late or took prefix already removed) counts, if anything. */
        public static Optional<OutcomeAttribute> outcomeAttribute(String name) {
            if (name.startsWith(COUNT_PREFIX)) {
                String[] parts = name.split("_", 3);
                return Optional.of(new OutcomeAttribute.Counted(OutcomeStatus.valueOf(parts[1]), parts[2]));
            }
            if (name.startsWith(SENT_PREFIX)) {
                return Optional.of(new OutcomeAttribute.Sent(SmsType.valueOf(name.substring(SENT_PREFIX.length()))));
            }
            return switch (name) {
                case REPLAYED -> Optional.of(new OutcomeAttribute.Replayed());
                case LINES -> Optional.of(new OutcomeAttribute.Lines());
                case LINES_OMITTED -> Optional.of(new OutcomeAttribute.LinesOmitted());
                default -> Optional.empty();
            };
        }
    }

    /** The counters and lists of an outcome shard, by what they count. */
    public sealed interface OutcomeAttribute {
        record Counted(OutcomeStatus status, String rule) implements OutcomeAttribute {}

        record Sent(SmsType type) implements OutcomeAttribute {}

        record Replayed() implements OutcomeAttribute {}

        record Lines() implements OutcomeAttribute {}

        record LinesOmitted() implements OutcomeAttribute {}
    }

    /** {@code label_<RULE>} on store and shard items: the owners' name of a rule, wherever the rule shows up. */
    public static final class Labels {
        private Labels() {}

        private static final String PREFIX = "label_";

        public static String labelAttribute(String rule) {
            return PREFIX + rule;
        }

        public static Optional<String> labelledRuleOf(String attribute) {
            return suffix(attribute, PREFIX);
        }
    }

    /**
     * Fields of one listed text in {@code lines} (and its late / took copies): short names, because a
     * shard holds thousands of them.
     */
    public static final class LineFields {
        private LineFields() {}

        public static final String STATUS = "st";
        public static final String RULE = "r";
        public static final String LABEL = "l";
        public static final String STORE = "s";
        public static final String CUSTOMER = "c";
        public static final String PHONE_LAST4 = "p";
        /** Why a safeguard kept the text back ({@link dev.placenotify.notifier.GuardSkip}); absent otherwise. */
        public static final String HELD = "h";
    }

    /** Fields of one digest note in a store item's {@code notes}. */
    public static final class NoteFields {
        private NoteFields() {}

        public static final String RULE = "r";
        public static final String LABEL = "l";
        public static final String STORE = "s";
        public static final String BOOKING = "b";
        public static final String CUSTOMER = "c";
        public static final String PHONE_LAST4 = "p";
        public static final String TEXT = "t";
        /** The channels the note is for (a string set of {@code RunNote.Channel} names). */
        public static final String CHANNELS = "ch";
    }

    /** A {@link #LATE_RUNS} item. */
    public static final class LateMarker {
        private LateMarker() {}

        /** Bumped by every late outcome; the marker is removed only if it did not move since it was read. */
        public static final String MARKER_VERSION = "markerVersion";
    }

    /** An {@link #ALERTS} item. */
    public static final class AlertSlot {
        private AlertSlot() {}

        /** Epoch milliseconds of the last alert that went out. */
        public static final String LAST_SENT_AT = "lastSentAt";
        public static final String SUPPRESSED = "suppressed";
    }

    private static Optional<String> suffix(String attribute, String prefix) {
        return attribute.startsWith(prefix) ? Optional.of(attribute.substring(prefix.length())) : Optional.empty();
    }
}
