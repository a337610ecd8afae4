package dev.placenotify.shell;

import java.util.List;
import java.util.Map;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.MDC;

/**
 * An executor whose tasks log under the logging context (MDC: run id as {@code correlation_id}, the
 * Lambda request id, ...) of the thread that submitted them. SLF4J's MDC is per thread and a pool's
 * threads do not inherit it, so without this a stage's parallel work logs without its run id.
 */
public final class LogContextExecutor extends AbstractExecutorService {
    private final ExecutorService delegate;

    private LogContextExecutor(ExecutorService delegate) {
        this.delegate = delegate;
    }

    public static ExecutorService wrap(ExecutorService delegate) {
        return new LogContextExecutor(delegate);
    }

    @Override
    public void execute(Runnable task) {
        Map<String, String> context = MDC.getCopyOfContextMap();
        delegate.execute(() -> {
            Map<String, String> previous = MDC.getCopyOfContextMap();
            if (context == null) {
                MDC.clear();
            } else {
                MDC.setContextMap(context);
            }
            try {
                task.run();
            } finally {
                if (previous == null) {
                    MDC.clear();
                } else {
                    MDC.setContextMap(previous);
                }
            }
        });
    }

    @Override
    public void shutdown() {
        delegate.shutdown();
    }

    @Override
    public List<Runnable> shutdownNow() {
        return delegate.shutdownNow();
    }

    @Override
    public boolean isShutdown() {
        return delegate.isShutdown();
    }

    @Override
    public boolean isTerminated() {
        return delegate.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return delegate.awaitTermination(timeout, unit);
    }
}
