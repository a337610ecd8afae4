package dev.placenotify.shell.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The live-settings rules: bundled when nothing is deployed, rebuilt on change only, last good kept, cold start refuses. */
class LiveConfigTest {
    /** A feed whose documents the test sets, or makes unreadable. */
    private static final class Feed implements ConfigFeed {
        final Map<String, String> docs = new HashMap<>();
        boolean down;

        @Override
        public Optional<String> latest(String profile) {
            if (down) {
                throw new IllegalStateException("AppConfig unreachable");
            }
            return Optional.ofNullable(docs.get(profile));
        }
    }

    private final Feed feed = new Feed();
    private final AtomicInteger builds = new AtomicInteger();

    /** Settings are the text of 'a' (or "bundled"); a text starting with "bad" fails to build. */
    private LiveConfig<String> live() {
        return new LiveConfig<>("test settings", List.of("a"), feed, docs -> {
            builds.incrementAndGet();
            String text = docs.of("a").orElse("bundled");
            if (text.startsWith("bad")) {
                throw new IllegalArgumentException("$.x: invalid");
            }
            return text;
        });
    }

    @Test
    void nothingDeployedMeansTheBundledDefault() {
        assertThat(live().current()).isEqualTo("bundled");
    }

    @Test
    void aChangedDocumentIsUsedAndAnUnchangedOneIsNotRebuilt() {
        LiveConfig<String> live = live();
        feed.docs.put("a", "v1");
        assertThat(live.current()).isEqualTo("v1");
        assertThat(live.current()).isEqualTo("v1");
        assertThat(builds).hasValue(1);
        feed.docs.put("a", "v2");
        assertThat(live.current()).isEqualTo("v2");
        assertThat(builds).hasValue(2);
        assertThat(live.inUse()).hasValueSatisfying(f -> assertThat(f).startsWith("a=").doesNotContain("bundled"));
    }

    @Test
    void anInvalidChangeIsRefusedOnceAndTheLastGoodSettingsStay() {
        LiveConfig<String> live = live();
        feed.docs.put("a", "v1");
        live.current();
        feed.docs.put("a", "bad v2");
        assertThat(live.current()).isEqualTo("v1");
        assertThat(live.current()).isEqualTo("v1");
        assertThat(live.rejections()).as("the same bad document is judged once").isEqualTo(1);
        assertThat(live.lastRejection()).hasValueSatisfying(r -> assertThat(r.reason()).contains("$.x: invalid"));
        feed.docs.put("a", "v3");
        assertThat(live.current()).isEqualTo("v3");
        assertThat(live.lastRejection()).isEmpty();
    }

    @Test
    void aColdStartWithAnInvalidDocumentRefusesRatherThanFallingBackToTheBundledFiles() {
        feed.docs.put("a", "bad v1");
        LiveConfig<String> live = live();
        assertThatThrownBy(live::current).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("$.x: invalid");
        assertThatThrownBy(live::current).isInstanceOf(IllegalArgumentException.class);
        assertThat(live.rejections()).isEqualTo(2);
        feed.docs.put("a", "v2"); // fixed, or rolled back
        assertThat(live.current()).isEqualTo("v2");
    }

    @Test
    void anUnreadableFeedKeepsTheLastGoodSettingsButStopsAColdStart() {
        LiveConfig<String> warm = live();
        feed.docs.put("a", "v1");
        warm.current();
        feed.down = true;
        assertThat(warm.current()).isEqualTo("v1");
        assertThatThrownBy(() -> live().current()).isInstanceOf(LiveConfig.ConfigRejectedException.class)
                .hasMessageContaining("unreachable");
    }

    @Test
    void undeployingFallsBackToTheBundledDefault() {
        LiveConfig<String> live = live();
        feed.docs.put("a", "v1");
        live.current();
        feed.docs.remove("a");
        assertThat(live.current()).isEqualTo("bundled");
    }
}
