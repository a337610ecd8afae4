package dev.placenotify.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.Map;
import picocli.CommandLine;
import org.junit.jupiter.api.Test;

/** Destructive commands refuse to guess: without a terminal to ask on, only --yes confirms. */
class ConfirmationTest {
    // Nothing listens here: the commands must stop before they need the network.
    private static final String[] TARGET = {"--local-env", "x", "--sqs-endpoint", "http://127.0.0.1:9",
            "--dynamodb-endpoint", "http://127.0.0.1:9"};

    @Test
    void backfillWithoutATerminalAndWithoutYesFailsClearlyAndEnqueuesNothing() {
        var run = run(Terminal.detached(new ByteArrayInputStream(new byte[0])),
                "backfill", "--store", "1051707", "--from", "2025-10-22", "--to", "2025-10-23");
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains("stdin is not a terminal").contains("--yes");
        assertThat(run.out()).contains("run b").doesNotContain("enqueued");
    }

    @Test
    void aDeclinedQuestionAbortsAndAnAcceptedOneProceeds() {
        var declined = run(answering("n"), "backfill", "--store", "1051707", "--from", "2025-10-22", "--to", "2025-10-23");
        assertThat(declined.code()).isEqualTo(1);
        assertThat(declined.err()).contains("aborted: nothing was changed");
        // Accepted: the command goes on to publish, and fails only because nothing listens at the endpoint.
        var accepted = run(answering("y"), "backfill", "--store", "1051707", "--from", "2025-10-22", "--to", "2025-10-23");
        assertThat(accepted.err()).contains("cannot connect");
    }

    @Test
    void unknownStoresAndInvertedWindowsAreRefusedBeforeAnything() {
        var unknown = run(answering("y"), "backfill", "--store", "42", "--from", "2025-10-22", "--to", "2025-10-23");
        assertThat(unknown.err()).contains("store 42 is not in the store catalog");
        var inverted = run(answering("y"), "backfill", "--all", "--from", "2025-10-23", "--to", "2025-10-22");
        assertThat(inverted.err()).contains("is before --from");
    }

    private record Result(int code, String out, String err) {}

    private static Terminal answering(String answer) {
        return new Terminal() {
            @Override
            public boolean interactive() {
                return true;
            }

            @Override
            public String readLine(String prompt) {
                return answer;
            }

            @Override
            public java.io.InputStream stdin() {
                return new ByteArrayInputStream(new byte[0]);
            }
        };
    }

    private static Result run(Terminal terminal, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new OperatorCli(Clock.systemUTC(), Map.of("USER", "tester"), terminal));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + TARGET.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(TARGET, 0, all, args.length, TARGET.length);
        int code = cli.execute(all);
        return new Result(code, out.toString(), err.toString());
    }
}
