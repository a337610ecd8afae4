package dev.placenotify.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.placenotify.testsupport.LocalAwsExtension;
import dev.placenotify.local.LocalPipeline;
import dev.placenotify.testsupport.SimulatedClock;
import dev.placenotify.testsupport.aws.LocalAws;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code operator optout list|add|remove} against the SENS simulator's unsubscribe list: masked, dry run by default. */
@ExtendWith(LocalAwsExtension.class)
class OptOutCommandTest {
    private static final Instant CYCLE = Instant.parse("2025-10-22T05:00:00Z");

    @Test
    void theListIsShownMaskedAndChangedOnlyWithYes(LocalAws aws) {
        try (LocalPipeline p = LocalPipeline.start(aws, LocalPipeline.Options.defaults(LocalAwsExtension.uniqueEnvironment("opout"))
                .withoutStages(), new SimulatedClock(CYCLE))) {
            OperatorRun op = new OperatorRun(p);
            String[] sens = {"--sens-base-url", p.sens.baseUrl(), "--secretsmanager-endpoint", p.secrets.baseUrl()};

            OperatorRun.Result empty = op.run(args("optout", "list", sens));
            assertThat(empty.code()).as(empty.toString()).isZero();
            assertThat(empty.out()).contains("(0 numbers;");

            OperatorRun.Result dry = op.run(args("optout", "add", "010-1234-5678", sens));
            assertThat(dry.code()).as(dry.toString()).isZero();
            assertThat(dry.out()).contains("dry run: would add 010-****-5678").contains("--yes");
            assertThat(p.sens.unsubscribes().numbers()).isEmpty();

            OperatorRun.Result added = op.run(args("optout", "add", "010-1234-5678", "--yes", sens));
            assertThat(added.code()).as(added.toString()).isZero();
            assertThat(added.out()).contains("added 010-****-5678").doesNotContain("1234-5678").doesNotContain("01012345678");
            assertThat(p.sens.unsubscribes().numbers()).containsExactly("01012345678");

            p.sens.unsubscribes().optOutByPhone("01099998888"); // a customer called the 080 line
            OperatorRun.Result listed = op.run(args("optout", "list", sens));
            assertThat(listed.out()).contains("(2 numbers;").contains("010-****-5678").contains("via manual")
                    .contains("010-****-8888").contains("via 080 call (ARS)").doesNotContain("01012345678").doesNotContain("9998");

            assertThat(op.run(args("optout", "add", "+82 10-1234-5678", "--yes", sens)).out()).contains("already on the list");

            OperatorRun.Result removed = op.run(args("optout", "remove", "010-1234-5678", "--yes", sens));
            assertThat(removed.code()).as(removed.toString()).isZero();
            assertThat(removed.out()).contains("removed 010-****-5678");
            assertThat(p.sens.unsubscribes().numbers()).containsExactly("01099998888");

            OperatorRun.Result bad = op.run(args("optout", "add", "12-34", "--yes", sens));
            assertThat(bad.code()).isEqualTo(1);
            assertThat(bad.err()).contains("not a Korean phone number");

            p.sens.unsubscribes().setUnavailable(true);
            OperatorRun.Result down = op.run(args("optout", "add", "010-5555-6666", "--yes", sens));
            assertThat(down.code()).isEqualTo(1);
            assertThat(down.err()).contains("HTTP 500");
            assertThat(p.sens.unsubscribes().numbers()).containsExactly("01099998888");
        }
    }

    private static String[] args(String a, String b, String[] rest) {
        return concat(new String[] {a, b}, rest);
    }

    private static String[] args(String a, String b, String c, String[] rest) {
        return concat(new String[] {a, b, c}, rest);
    }

    private static String[] args(String a, String b, String c, String d, String[] rest) {
        return concat(new String[] {a, b, c, d}, rest);
    }

    private static String[] concat(String[] head, String[] tail) {
        String[] all = new String[head.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }
}
