package dev.placenotify.operator.replay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BodyFactsTest {

    @Test
    void readsRunStoreAndTypeEvenFromABodyThatWouldNotDecode() {
        assertThat(BodyFacts.of("{\"schemaVersion\":99,\"runId\":\"c20251022T1400\",\"storeId\":\"1051707\",\"type\":\"StoreFetched\"}"))
                .isEqualTo(new BodyFacts("c20251022T1400", "1051707", "StoreFetched"));
        assertThat(BodyFacts.of("not json")).isEqualTo(new BodyFacts(null, null, null));
        assertThat(BodyFacts.of("(empty)")).isEqualTo(new BodyFacts(null, null, null));
        assertThat(BodyFacts.of("[1,2]")).isEqualTo(new BodyFacts(null, null, null));
    }
}
