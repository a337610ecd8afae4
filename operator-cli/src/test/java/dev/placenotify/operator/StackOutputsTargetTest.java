package dev.placenotify.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.placenotify.model.Topology;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StackOutputsTargetTest {

    @Test
    void namesTheOutputsTheCdkStackCreatesFromTopology() {
        assertThat(StackOutputsTarget.queueOutput(Topology.FETCH)).isEqualTo("FetchQueueUrl");
        assertThat(StackOutputsTarget.dlqOutput(Topology.SMS)).isEqualTo("SmsDlqUrl");
        assertThat(StackOutputsTarget.tableOutput(Topology.IDEMPOTENCY)).isEqualTo("IdempotencyTableName");
        assertThat(StackOutputsTarget.stackName("dev")).isEqualTo("PlaceNotify-dev");
    }

    @Test
    void aMissingOutputSaysWhichAndWhatToDo() {
        var target = new StackOutputsTarget("PlaceNotify-dev", "ap-northeast-2", Map.of("FetchQueueUrl", "https://q/1/f"));
        assertThat(target.queueUrl(Topology.FETCH)).isEqualTo("https://q/1/f");
        assertThatThrownBy(() -> target.dlqUrl(Topology.FETCH)).isInstanceOf(OperatorException.class)
                .hasMessageContaining("FetchDlqUrl").hasMessageContaining("Redeploy");
    }
}
