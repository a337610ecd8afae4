package dev.placenotify.testsupport;

import dev.placenotify.testsupport.aws.LocalAws;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts ElasticMQ and dynalite once per test JVM and hands them to tests as a {@link LocalAws}
 * parameter; each test creates its own pipeline under a fresh stage name, so tests never share state.
 */
public final class LocalAwsExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(LocalAwsExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext c) {
        return p.getParameter().getType() == LocalAws.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext c) {
        return c.getRoot().getStore(NS).getOrComputeIfAbsent("aws", k -> new Resource(LocalAws.start()), Resource.class).aws;
    }

    /** Closed by JUnit when the root context ends. */
    private record Resource(LocalAws aws) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            aws.close();
        }
    }

    private static int counter;

    /** A stage name unique within this JVM, for an isolated copy of the queues and tables. */
    public static synchronized String uniqueEnvironment(String prefix) {
        return prefix + (++counter);
    }
}
