package dev.placenotify.bench.cycle;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Runs in a child JVM whose class path is one stage's shaded Lambda jar plus this class alone, so it
 * may use nothing but the JDK and the Lambda interfaces the jar bundles. Does what the Lambda runtime
 * does on a cold start: instantiates the handler through its no-arg constructor (which reads the stage's
 * config from the environment), then hands it one SQS event; then a second event, to show what the first
 * invocation still paid for. Prints {@code PROBE key=value ...} with milliseconds since JVM start.
 *
 * <p>Arguments: handler class, file with the first message body, file with the second.
 */
public final class ColdStartProbe {
    private ColdStartProbe() {}

    @SuppressWarnings({"unchecked", "rawtypes"})
    public static void main(String[] args) throws Exception {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        long mainAt = System.currentTimeMillis();
        var classes = ManagementFactory.getClassLoadingMXBean();
        int classesAtMain = classes.getLoadedClassCount();

        RequestHandler handler = (RequestHandler) Class.forName(args[0]).getDeclaredConstructor().newInstance();
        long initAt = System.currentTimeMillis();
        int classesAfterInit = classes.getLoadedClassCount();
        System.out.println("PROBE-MARK init-done");
        System.out.flush();

        SQSBatchResponse first = (SQSBatchResponse) handler.handleRequest(event(Path.of(args[1])), new ProbeContext(args[0]));
        long firstAt = System.currentTimeMillis();
        int classesAfterFirst = classes.getLoadedClassCount();
        System.out.println("PROBE-MARK first-done");
        System.out.flush();

        SQSBatchResponse second = (SQSBatchResponse) handler.handleRequest(event(Path.of(args[2])), new ProbeContext(args[0]));
        long secondAt = System.currentTimeMillis();

        System.out.println("PROBE jvmToMain=" + (mainAt - jvmStart) + " init=" + (initAt - mainAt) + " firstInvoke="
                + (firstAt - initAt) + " jvmToFirstEvent=" + (firstAt - jvmStart) + " secondInvoke=" + (secondAt - firstAt)
                + " firstFailures=" + failures(first) + " secondFailures=" + failures(second) + " classesAtMain=" + classesAtMain
                + " classesAfterInit=" + classesAfterInit + " classesAfterFirst=" + classesAfterFirst);
        System.out.flush();
        // SDK and HTTP client threads may be non-daemon: leave as the Lambda sandbox would be frozen.
        System.exit(0);
    }

    private static SQSEvent event(Path bodyFile) throws Exception {
        SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
        m.setMessageId(UUID.randomUUID().toString());
        m.setReceiptHandle("probe-" + m.getMessageId());
        m.setBody(Files.readString(bodyFile, StandardCharsets.UTF_8));
        m.setAttributes(Map.of("ApproximateReceiveCount", "1"));
        m.setEventSource("aws:sqs");
        m.setAwsRegion("ap-northeast-2");
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(m));
        return event;
    }

    private static int failures(SQSBatchResponse r) {
        return r == null || r.getBatchItemFailures() == null ? 0 : r.getBatchItemFailures().size();
    }

    /** The Lambda context, as far as a handler reads it. */
    private record ProbeContext(String functionName) implements Context {
        @Override
        public String getAwsRequestId() {
            return "probe";
        }

        @Override
        public String getLogGroupName() {
            return "/probe/" + functionName;
        }

        @Override
        public String getLogStreamName() {
            return "probe";
        }

        @Override
        public String getFunctionName() {
            return functionName;
        }

        @Override
        public String getFunctionVersion() {
            return "$LATEST";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:ap-northeast-2:000000000000:function:probe";
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return 60_000;
        }

        @Override
        public int getMemoryLimitInMB() {
            return 512;
        }

        @Override
        public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override
                public void log(String message) {
                    System.err.println(message);
                }

                @Override
                public void log(byte[] message) {
                    System.err.println(new String(message, StandardCharsets.UTF_8));
                }
            };
        }
    }
}
