package dev.placenotify.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class SqsBatchPlanTest {
    private static final int KIB = 1024;

    @Test
    void tenSnapshotChunksOf200KiBGoOneByOne() {
        List<Integer> sizes = Collections.nCopies(10, 200 * KIB);

        List<List<Integer>> batches = SqsBatchPlan.of(sizes);

        assertThat(batches).hasSize(10).allSatisfy(b -> assertThat(b).hasSize(1));
    }

    @Test
    void smallMessagesShareBatchesOfTen() {
        assertThat(SqsBatchPlan.of(Collections.nCopies(25, 300)))
                .extracting(List::size).containsExactly(10, 10, 5);
    }

    @Test
    void exactlyTheLimitFitsOneByteMoreDoesNot() {
        assertThat(SqsBatchPlan.of(List.of(128 * KIB, 128 * KIB))).hasSize(1);
        assertThat(SqsBatchPlan.of(List.of(128 * KIB, 128 * KIB + 1))).hasSize(2);
        assertThat(SqsBatchPlan.of(List.of(SqsBatchPlan.MAX_BYTES))).hasSize(1);
    }

    @Test
    void aMessageLargerThanSqsTakesIsRefusedByPositionAndSize() {
        assertThatThrownBy(() -> SqsBatchPlan.of(List.of(10, SqsBatchPlan.MAX_BYTES + 1, 10)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("message 2 of 3").hasMessageContaining("262145 bytes").hasMessageContaining("262144");
    }

    @Property
    void everyBatchKeepsEverySqsLimitAndTheOrder(@ForAll @Size(max = 60) List<@IntRange(min = 0, max = 256 * 1024) Integer> sizes) {
        List<List<Integer>> batches = SqsBatchPlan.of(sizes);

        List<Integer> flattened = new ArrayList<>();
        batches.forEach(flattened::addAll);
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < sizes.size(); i++) {
            expected.add(i);
        }
        assertThat(flattened).as("every message once, in order").isEqualTo(expected);
        for (List<Integer> batch : batches) {
            assertThat(batch).isNotEmpty().hasSizeLessThanOrEqualTo(SqsBatchPlan.MAX_ENTRIES);
            assertThat(batch.stream().mapToLong(sizes::get).sum()).isLessThanOrEqualTo(SqsBatchPlan.MAX_BYTES);
        }
    }

    @Property
    void aBatchClosesOnlyWhenTheNextMessageWouldBreakALimit(
            @ForAll @Size(max = 60) List<@IntRange(min = 0, max = 256 * 1024) Integer> sizes) {
        List<List<Integer>> batches = SqsBatchPlan.of(sizes);

        for (int b = 0; b + 1 < batches.size(); b++) {
            List<Integer> batch = batches.get(b);
            long bytes = batch.stream().mapToLong(sizes::get).sum();
            int next = batches.get(b + 1).get(0);
            assertThat(batch.size() == SqsBatchPlan.MAX_ENTRIES || bytes + sizes.get(next) > SqsBatchPlan.MAX_BYTES)
                    .as("batch %d could have taken message %d", b, next).isTrue();
        }
    }
}
