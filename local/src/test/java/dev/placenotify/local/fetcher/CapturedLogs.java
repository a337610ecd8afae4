package dev.placenotify.local.fetcher;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Everything this JVM logs while open, at every level: each Log4j event (message, exception and MDC, from the
 * project's loggers and the libraries', Selenium's included once they log through Log4j) and whatever is written
 * to stdout and stderr (java.util.logging's console output, the browser's and its driver's). For asserting that
 * something never reaches a log.
 */
final class CapturedLogs implements AutoCloseable {
    private final List<String> events = new ArrayList<>();
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final PrintStream originalOut = System.out;
    private final PrintStream originalErr = System.err;
    private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
    private final AbstractAppender appender;
    private final List<String> loggers = List.of("", "dev.placenotify", "org.openqa");
    private final List<Level> previous = new ArrayList<>();

    CapturedLogs() {
        appender = new AbstractAppender("captured", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                StringBuilder line = new StringBuilder(event.getLevel() + " " + event.getLoggerName() + " "
                        + event.getMessage().getFormattedMessage() + " " + event.getContextData());
                for (Throwable t = event.getThrown(); t != null; t = t.getCause()) {
                    line.append(" | ").append(t);
                }
                synchronized (events) {
                    events.add(line.toString());
                }
            }
        };
        appender.start();
        Configuration config = context.getConfiguration();
        for (String name : loggers) {
            LoggerConfig lc = config.getLoggerConfig(name);
            if (!lc.getName().equals(name)) {
                lc = new LoggerConfig(name, Level.ALL, true);
                config.addLogger(name, lc);
            }
            previous.add(lc.getLevel());
            lc.setLevel(Level.ALL);
            lc.addAppender(appender, Level.ALL, null);
        }
        context.updateLoggers();
        System.setOut(new PrintStream(tee(originalOut), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(tee(originalErr), true, StandardCharsets.UTF_8));
    }

    private OutputStream tee(PrintStream original) {
        return new OutputStream() {
            @Override
            public void write(int b) {
                synchronized (console) {
                    console.write(b);
                }
                original.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                synchronized (console) {
                    console.write(b, off, len);
                }
                original.write(b, off, len);
            }
        };
    }

    /** Every captured line, Log4j events first, then the console. */
    String text() {
        StringBuilder all = new StringBuilder();
        synchronized (events) {
            events.forEach(e -> all.append(e).append('\n'));
        }
        synchronized (console) {
            all.append(console.toString(StandardCharsets.UTF_8));
        }
        return all.toString();
    }

    int eventCount() {
        synchronized (events) {
            return events.size();
        }
    }

    @Override
    public void close() {
        System.setOut(originalOut);
        System.setErr(originalErr);
        Configuration config = context.getConfiguration();
        for (int i = 0; i < loggers.size(); i++) {
            LoggerConfig lc = config.getLoggerConfig(loggers.get(i));
            lc.removeAppender("captured");
            lc.setLevel(previous.get(i));
        }
        context.updateLoggers();
        appender.stop();
    }
}
