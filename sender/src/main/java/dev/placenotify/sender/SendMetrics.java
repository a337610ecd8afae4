package dev.placenotify.sender;

/**
 * Where the sender's counts go: CloudWatch EMF through Powertools in Lambda, nowhere in a local run
 * (an undetected EMF environment would probe EC2 metadata or a CloudWatch agent).
 */
public sealed interface SendMetrics permits SendMetrics.Off, EmfSendMetrics {
    void publish(SendTally tally);

    static SendMetrics from(SenderConfig config) {
        return config.metricsEnabled() ? new EmfSendMetrics(config.metricsNamespace(), config.serviceName()) : new Off();
    }

    record Off() implements SendMetrics {
        @Override
        public void publish(SendTally tally) {
            // Local runs: the outcomes on the result queue and the logs say the same.
        }
    }
}
