package dev.placenotify.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.placenotify.local.LocalPipeline;
import dev.placenotify.model.MessageCodec;
import dev.placenotify.operator.OperatorCli;
import dev.placenotify.operator.Terminal;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Runs the operator CLI in-process against a local pipeline, exactly as {@code ./operator} would with the
 * options {@code ./run-local} prints, and captures what it prints. Stdin is not a terminal, as in CI.
 */
final class OperatorRun {
    record Result(int code, String out, String err) {
        JsonNode json() {
            try {
                return MessageCodec.mapper().readTree(out);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + out, e);
            }
        }

        String runId() {
            Matcher m = Pattern.compile("run id: (\\S+)").matcher(out);
            if (!m.find()) {
                throw new AssertionError("no run id printed: " + out + err);
            }
            return m.group(1);
        }

        @Override
        public String toString() {
            return "exit " + code + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    private final LocalPipeline pipeline;

    OperatorRun(LocalPipeline pipeline) {
        this.pipeline = pipeline;
    }

    Result run(String... args) {
        return runWithStdin("", args);
    }

    Result runWithStdin(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Terminal terminal = Terminal.detached(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        CommandLine cli = new CommandLine(new OperatorCli(pipeline.clock(), Map.of("USER", "ci-operator"), terminal));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of(args));
        addUnlessGiven(all, "--local-env", pipeline.resources().environmentName());
        addUnlessGiven(all, "--sqs-endpoint", pipeline.aws().sqsEndpoint().toString());
        addUnlessGiven(all, "--dynamodb-endpoint", pipeline.aws().dynamoEndpoint().toString());
        addUnlessGiven(all, "--naver-base-url", pipeline.naver.baseUrl());
        int code = cli.execute(all.toArray(String[]::new));
        return new Result(code, out.toString(), err.toString());
    }

    private static void addUnlessGiven(List<String> args, String option, String value) {
        if (!args.contains(option)) {
            args.add(option);
            args.add(value);
        }
    }
}
