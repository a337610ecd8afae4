package dev.placenotify.model.items;

import static org.assertj.core.api.Assertions.assertThat;

import dev.placenotify.model.OutcomeStatus;
import dev.placenotify.model.SmsType;
import dev.placenotify.model.items.RunsTableLayout.Labels;
import dev.placenotify.model.items.RunsTableLayout.OutcomeAttribute;
import dev.placenotify.model.items.RunsTableLayout.OutcomeShard;
import dev.placenotify.model.items.RunsTableLayout.StoreItem;
import dev.placenotify.model.Topology;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class RunsTableLayoutTest {

    @Property(tries = 300)
    void anOutcomeCounterNameReadsBackAsItsStatusAndRule(@ForAll OutcomeStatus status, @ForAll("ruleIds") String rule) {
        String name = OutcomeShard.outcomeCounter(status, rule);

        assertThat(OutcomeShard.outcomeAttribute(name)).contains(new OutcomeAttribute.Counted(status, rule));
        assertThat(OutcomeShard.outcomeAttribute(OutcomeShard.late(name))).as("a late counter is not one of the run's own").isEmpty();
    }

    @Property(tries = 200)
    void plannedCountersAndLabelsReadBackAsTheirRule(@ForAll("ruleIds") String rule) {
        assertThat(StoreItem.plannedRuleOf(StoreItem.plannedCounter(rule))).contains(rule);
        assertThat(Labels.labelledRuleOf(Labels.labelAttribute(rule))).contains(rule);
        assertThat(StoreItem.plannedRuleOf(Labels.labelAttribute(rule))).isEmpty();
        assertThat(Labels.labelledRuleOf(StoreItem.plannedCounter(rule))).isEmpty();
    }

    @Test
    void theOtherShardAttributesSayWhatTheyCount() {
        for (SmsType type : SmsType.values()) {
            assertThat(OutcomeShard.outcomeAttribute(OutcomeShard.sentCounter(type))).contains(new OutcomeAttribute.Sent(type));
        }
        assertThat(OutcomeShard.outcomeAttribute(OutcomeShard.REPLAYED)).contains(new OutcomeAttribute.Replayed());
        assertThat(OutcomeShard.outcomeAttribute(OutcomeShard.LINES)).contains(new OutcomeAttribute.Lines());
        assertThat(OutcomeShard.outcomeAttribute(OutcomeShard.LINES_OMITTED)).contains(new OutcomeAttribute.LinesOmitted());
        for (String other : List.of(OutcomeShard.KEYS, OutcomeShard.CLOSED, OutcomeShard.LATE_VERSION, OutcomeShard.took("c20251022T1400"),
                Labels.labelAttribute("CONFIRMATION"), RunsTableLayout.EXPIRES_AT, RunsTableLayout.SORT_KEY)) {
            assertThat(OutcomeShard.outcomeAttribute(other)).as(other).isEmpty();
        }
    }

    @Property(tries = 300)
    void everyKeyLandsOnOneOfTheShardsTheSummaryCloses(@ForAll("idempotencyKeys") String key) {
        Set<String> shards = new HashSet<>();
        for (int i = 0; i < RunsTableLayout.OUTCOME_SHARDS; i++) {
            shards.add(RunsTableLayout.outcomeShardItem(i));
        }
        String shard = RunsTableLayout.outcomeShardOf(key);

        assertThat(shards).contains(shard);
        assertThat(RunsTableLayout.isOutcomeShard(shard)).isTrue();
        assertThat(RunsTableLayout.storeIdOf(shard)).isEmpty();
    }

    @Test
    void aKeysShardDoesNotChangeBetweenVersions() {
        // Items written by the running version must be found by the next one: a redelivered outcome is
        // deduplicated on the shard its key was counted on. These are the shards of today's layout.
        assertThat(RunsTableLayout.outcomeShardOf("1051707:5011:CONFIRMATION")).isEqualTo("OUT#13");
        assertThat(RunsTableLayout.outcomeShardOf("951291:7788:REMINDER")).isEqualTo("OUT#7");
        assertThat(RunsTableLayout.outcomeShardOf("1051707:5011:EVENT:2025-10-22")).isEqualTo("OUT#10");
    }

    @Test
    void storeItemsNameTheirStore() {
        assertThat(RunsTableLayout.storeIdOf(RunsTableLayout.storeItem("1051707"))).contains("1051707");
        assertThat(RunsTableLayout.storeIdOf(RunsTableLayout.RUN_ITEM)).isEmpty();
        assertThat(RunsTableLayout.isOutcomeShard(RunsTableLayout.storeItem("1051707"))).isFalse();
    }

    @Test
    void theKeysAreTheTablesAsTheStackAndTheEmulatorsCreateIt() {
        assertThat(RunsTableLayout.PARTITION_KEY).isEqualTo(Topology.RUNS.partitionKey());
        assertThat(RunsTableLayout.SORT_KEY).isEqualTo(Topology.RUNS.sortKey());
        assertThat(RunsTableLayout.EXPIRES_AT).isEqualTo(Topology.RUNS.ttlAttribute());
    }

    /**
     * The layout is a shared contract (Jackson only): its compiled classes may refer to the JDK, the shared
     * model and the topology, nothing else. The same scan finds the SDK in {@link SessionStore}, which is how
     * we know it would see it here.
     */
    @Test
    void theLayoutDependsOnNoAwsTypeAndNoStageClass() throws IOException {
        List<String> layout = new ArrayList<>();
        for (Class<?> c : withNested(RunsTableLayout.class)) {
            layout.addAll(referencedTypes(c));
        }
        assertThat(layout).as("the scan reads the constant pool").contains("dev/placenotify/model/Topology", "dev/placenotify/model/OutcomeStatus");
        assertThat(layout).allSatisfy(type -> assertThat(type).matches(
                "java/.*|dev/placenotify/model/.*"));

        // The scan does see a library type where there is one (the stores schema check uses networknt's validator).
        assertThat(referencedTypes(dev.placenotify.model.StoreCatalogSchema.class)).anyMatch(type -> type.startsWith("com/networknt/"));
    }

    @Provide
    Arbitrary<String> ruleIds() {
        // Owners name their own rules: underscores, spaces and Korean included.
        return Arbitraries.strings().withChars("ABCZ_09 가을프로모션").ofMinLength(1).ofMaxLength(30);
    }

    @Provide
    Arbitrary<String> idempotencyKeys() {
        return Arbitraries.strings().all().ofMinLength(1).ofMaxLength(60);
    }

    private static List<Class<?>> withNested(Class<?> c) {
        List<Class<?>> all = new ArrayList<>(List.of(c));
        for (Class<?> nested : c.getDeclaredClasses()) {
            all.addAll(withNested(nested));
        }
        return all;
    }

    /** Internal names of the types a class file mentions (class entries, descriptors, signatures). */
    private static Set<String> referencedTypes(Class<?> c) throws IOException {
        String resource = c.getName().substring(c.getPackageName().length() + 1) + ".class";
        try (InputStream in = c.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            String pool = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            Set<String> types = new HashSet<>();
            Matcher m = Pattern.compile("L?((?:java|javax|jdk|sun|com|org|net|software|dev)/[A-Za-z0-9_/$]+)").matcher(pool);
            while (m.find()) {
                types.add(m.group(1));
            }
            return types;
        }
    }
}
