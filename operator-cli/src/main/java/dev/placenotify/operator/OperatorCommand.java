package dev.placenotify.operator;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * A leaf command: runs with a fresh {@link OperatorContext} and reports failures as one line on stderr
 * with exit code 1 (picocli's own usage errors exit 2).
 */
public abstract class OperatorCommand implements Callable<Integer> {
    public static final int OK = 0;
    public static final int FAILED = 1;

    @Spec
    protected CommandSpec spec;

    protected abstract int run(OperatorContext ctx) throws Exception;

    @Override
    public final Integer call() {
        OperatorCli root = (OperatorCli) spec.root().userObject();
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        try (OperatorContext ctx = root.openContext(out, err)) {
            return run(ctx);
        } catch (OperatorException e) {
            out.flush();
            err.println("error: " + e.getMessage());
            err.flush();
            return FAILED;
        } catch (SdkException e) {
            out.flush();
            err.println("error: " + AwsErrors.describe(e));
            err.flush();
            return FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("error: interrupted");
            err.flush();
            return FAILED;
        } catch (Exception e) {
            out.flush();
            err.println("error: " + e);
            err.flush();
            return FAILED;
        }
    }
}
