package dev.placenotify.infra;

import dev.placenotify.model.Topology;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Metric;

/** The metrics the functions emit themselves (EMF), as the alarms and the dashboard read them. */
final class CustomMetrics {
    static final String NAMESPACE = "PlaceNotify";
    /**
     * Dimension every custom metric carries, valued with the function's POWERTOOLS_SERVICE_NAME.
     * Agreed contract with the stage modules; note that Powertools for Java v2's own default
     * dimension is spelled "Service", so the functions must emit exactly this spelling.
     */
    static final String SERVICE_DIMENSION = "service";

    private CustomMetrics() {}

    /** The service name (metric dimension, log field) of a module's functions in an environment. */
    static String serviceName(EnvironmentConfig config, Topology.Stage module) {
        return config.resourceName(module.lowerName());
    }

    /** A metric the functions emit in the PlaceNotify namespace with the service dimension, summed per period. */
    static Metric of(EnvironmentConfig config, String name, Topology.Stage module, Duration period) {
        return Metric.Builder.create()
                .namespace(NAMESPACE)
                .metricName(name)
                .dimensionsMap(Map.of(SERVICE_DIMENSION, serviceName(config, module)))
                .statistic("Sum")
                .period(period)
                .build();
    }

}
