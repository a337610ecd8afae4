package dev.placenotify.testsupport.aws;

import java.net.URI;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

/** ElasticMQ in this JVM on a free loopback port: the real SQS protocol, without AWS. */
public final class EmbeddedSqs implements AutoCloseable {
    public static final String REGION = "ap-northeast-2";
    public static final String ACCOUNT_ID = "000000000000";

    private final SQSRestServer server;
    private final URI endpoint;

    private EmbeddedSqs(SQSRestServer server, int port) {
        this.server = server;
        this.endpoint = URI.create("http://127.0.0.1:" + port);
    }

    public static EmbeddedSqs start() {
        SQSRestServer server = SQSRestServerBuilder.withPort(0).withInterface("127.0.0.1")
                .withAWSRegion(REGION).withAWSAccountId(ACCOUNT_ID).start();
        int port = server.waitUntilStarted().localAddress().getPort();
        return new EmbeddedSqs(server, port);
    }

    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        server.stopAndWait();
    }
}
