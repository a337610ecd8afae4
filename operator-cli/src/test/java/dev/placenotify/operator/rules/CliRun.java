package dev.placenotify.operator.rules;

import dev.placenotify.operator.OperatorCli;
import dev.placenotify.operator.Terminal;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import picocli.CommandLine;

/** The CLI in-process, as {@code ./operator} runs it, with stdin not a terminal; what it printed and its exit code. */
public record CliRun(int code, String out, String err) {
    public static CliRun run(String... args) {
        return runAt(Instant.parse("2025-10-22T05:00:00Z"), args);
    }

    public static CliRun runAt(Instant now, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new OperatorCli(Clock.fixed(now, ZoneOffset.UTC), Map.of("USER", "test"),
                Terminal.detached(new ByteArrayInputStream(new byte[0]))));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    @Override
    public String toString() {
        return "exit " + code + "\n--- out\n" + out + "--- err\n" + err;
    }
}
