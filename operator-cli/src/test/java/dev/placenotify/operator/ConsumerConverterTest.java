package dev.placenotify.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.placenotify.model.Topology;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class ConsumerConverterTest {
    private final ConsumerConverter converter = new ConsumerConverter();

    @Test
    void theStagesAndTheSideFunctionsAreNamedAsTheOperatorTypesThem() {
        assertThat(converter.convert("Sender")).isEqualTo(QueueConsumer.SENDER);
        assertThat(converter.convert(" delivery-check ")).isEqualTo(QueueConsumer.DELIVERY_CHECK);
        assertThat(converter.convert("SESSION_RENEWAL")).isEqualTo(QueueConsumer.SESSION_RENEWAL);
        assertThatThrownBy(() -> converter.convert("renewal")).isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("fetcher|planner|sender|notifier|session-renewal|delivery-check");
    }

    @Test
    void everyQueueOfTheTopologyHasExactlyOneConsumer() {
        assertThat(Arrays.stream(QueueConsumer.values()).map(QueueConsumer::input).toList())
                .containsExactlyInAnyOrderElementsOf(Topology.QUEUES);
        for (Topology.Stage stage : Topology.Stage.values()) {
            assertThat(QueueConsumer.named(stage.lowerName()).map(QueueConsumer::input)).contains(stage.input());
        }
    }
}
