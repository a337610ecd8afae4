package dev.placenotify.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.placenotify.model.Topology;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code --env}: the real CloudFormation client against a loopback endpoint that answers DescribeStacks
 * in CloudFormation's documented query-protocol XML (no emulator exists for it here).
 */
class StackOutputsLoadTest {
    private static final String NS = "http://cloudformation.amazonaws.com/doc/2010-05-15/";
    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body = URLDecoder.decode(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                    StandardCharsets.UTF_8);
            requests.add(body);
            boolean known = body.contains("StackName=PlaceNotify-dev");
            String xml = known ? describeStacks() : "<ErrorResponse xmlns=\"" + NS + "\"><Error><Type>Sender</Type>"
                    + "<Code>ValidationError</Code><Message>Stack with id PlaceNotify-nope does not exist</Message></Error>"
                    + "<RequestId>r-2</RequestId></ErrorResponse>";
            byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/xml");
            exchange.sendResponseHeaders(known ? 200 : 400, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static String describeStacks() {
        StringBuilder outputs = new StringBuilder();
        for (var q : Topology.QUEUES) {
            outputs.append(output(StackOutputsTarget.queueOutput(q), "https://sqs.ap-northeast-2.amazonaws.com/123/" + q.queueName("dev")));
            outputs.append(output(StackOutputsTarget.dlqOutput(q), "https://sqs.ap-northeast-2.amazonaws.com/123/" + q.dlqName("dev")));
        }
        for (var t : Topology.TABLES) {
            outputs.append(output(StackOutputsTarget.tableOutput(t), t.tableName("dev")));
        }
        outputs.append(output("DashboardUrl", "https://example.invalid/dashboard"));
        return "<DescribeStacksResponse xmlns=\"" + NS + "\"><DescribeStacksResult><Stacks><member>"
                + "<StackName>PlaceNotify-dev</StackName><StackId>arn:aws:cloudformation:ap-northeast-2:123:stack/PlaceNotify-dev/1</StackId>"
                + "<CreationTime>2025-10-01T00:00:00Z</CreationTime><StackStatus>UPDATE_COMPLETE</StackStatus>"
                + "<Outputs>" + outputs + "</Outputs></member></Stacks></DescribeStacksResult>"
                + "<ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></DescribeStacksResponse>";
    }

    private static String output(String key, String value) {
        return "<member><OutputKey>" + key + "</OutputKey><OutputValue>" + value + "</OutputValue></member>";
    }

    private String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private OperatorContext context(String environment) {
        return context(new StringWriter(), "--env", environment, "--endpoint", endpoint());
    }

    private static OperatorContext context(StringWriter err, String... args) {
        OperatorCli cli = new OperatorCli(Clock.systemUTC(), Map.of(), Terminal.detached(new ByteArrayInputStream(new byte[0])));
        new CommandLine(cli).parseArgs(args);
        return cli.openContext(new PrintWriter(new StringWriter()), new PrintWriter(err, true));
    }

    @Test
    void readsQueueUrlsAndTableNamesFromTheStackOutputs() {
        try (OperatorContext ctx = context("dev")) {
            PipelineTarget target = ctx.target();
            assertThat(target.describe()).isEqualTo("stack PlaceNotify-dev (ap-northeast-2)");
            assertThat(target.queueUrl(Topology.SMS)).isEqualTo("https://sqs.ap-northeast-2.amazonaws.com/123/place-notify-dev-sms");
            assertThat(target.dlqUrl(Topology.FETCH)).endsWith("/place-notify-dev-fetch-dlq");
            assertThat(target.table(Topology.IDEMPOTENCY)).isEqualTo("place-notify-dev-idempotency");
        }
        assertThat(requests).singleElement().asString().contains("Action=DescribeStacks").contains("StackName=PlaceNotify-dev");
    }

    /** Operators' scripts still pass --stage-name: it names the same stack, with a warning to move to --env. */
    @Test
    void theDeprecatedStageNameOptionStillNamesTheStackWithAWarning() {
        StringWriter err = new StringWriter();
        try (OperatorContext ctx = context(err, "--stage-name", "dev", "--endpoint", endpoint())) {
            assertThat(ctx.target().describe()).isEqualTo("stack PlaceNotify-dev (ap-northeast-2)");
        }
        assertThat(requests).singleElement().asString().contains("StackName=PlaceNotify-dev");
        assertThat(err.toString()).contains("--stage-name is deprecated").contains("use --env dev");

        assertThatThrownBy(() -> context(new StringWriter(), "--env", "dev", "--stage-name", "prod"))
                .isInstanceOf(OperatorException.class).hasMessageContaining("disagree");
        StringWriter localErr = new StringWriter();
        try (OperatorContext ctx = context(localErr, "--local-stage", "x", "--sqs-endpoint", endpoint())) {
            assertThat(ctx.options().localEnvironment()).contains("x");
        }
        assertThat(localErr.toString()).contains("--local-stage is deprecated").contains("use --local-env x");
    }

    @Test
    void anEnvironmentWithoutAStackIsAClearError() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new OperatorCli(Clock.systemUTC(), Map.of(),
                Terminal.detached(new ByteArrayInputStream(new byte[0]))));
        cli.setOut(new PrintWriter(new StringWriter()));
        cli.setErr(new PrintWriter(err, true));

        int code = cli.execute("status", "--env", "nope", "--endpoint", endpoint());

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("stack PlaceNotify-nope not found in ap-northeast-2")
                .contains("wrong --env (dev|prod) or --region");
    }
}
