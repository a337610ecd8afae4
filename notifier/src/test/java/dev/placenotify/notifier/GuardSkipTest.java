package dev.placenotify.notifier;

import dev.placenotify.model.items.RunsTableLayout;
import static org.assertj.core.api.Assertions.assertThat;

import dev.placenotify.model.JobRef;
import dev.placenotify.model.OutcomeStatus;
import dev.placenotify.model.SendOutcome;
import dev.placenotify.model.SmsType;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Texts a safeguard kept back get a line in the summary with why; other skips stay counted only. */
class GuardSkipTest {
    private static final JobRef JOB = new JobRef("1051707", "5011", "EVENT", "리뷰요청", "1051707:5011:EVENT:2025-10-22",
            SmsType.LMS, "김*수", "5678");

    private static SendOutcome skipped(String error, boolean replayed) {
        return SendOutcome.of("c20251022T1400", JOB, OutcomeStatus.SKIPPED, null, error, Instant.parse("2025-10-22T11:00:00Z"), replayed);
    }

    @Test
    void anOptedOutOrBudgetHeldTextIsListedWithItsReasonOtherSkipsAreNot() {
        SendOutcome optedOut = skipped("opted out: the number is on the SENS 080 unsubscribe list (수신거부); advertising is never sent to it", false);
        SendOutcome held = skipped("held: budget store cap 300 texts reached (run c20251022T1400, store 1051707); released only by "
                + "'operator budget release'", false);
        SendOutcome quiet = skipped("advertising SMS due in quiet hours (21:00-08:00 KST) is not sent", false);
        SendOutcome dryRun = skipped("dry-run: not sent", false);

        assertThat(TextLine.listed(optedOut)).isTrue();
        assertThat(TextLine.of(optedOut).held()).isEqualTo("수신거부");
        assertThat(TextLine.listed(held)).isTrue();
        assertThat(TextLine.of(held).held()).isEqualTo("발송 한도 보류");
        assertThat(TextLine.listed(quiet)).isFalse();
        assertThat(TextLine.listed(dryRun)).isFalse();
        assertThat(TextLine.listed(skipped(optedOut.error(), true))).as("a replay was listed when it happened").isFalse();
    }

    @Test
    void theReasonSurvivesTheRunsTable() {
        TextLine line = TextLine.of(skipped("opted out: listed", false));
        assertThat(RunItems.line(RunItems.lineItem(line))).isEqualTo(line);
        assertThat(RunItems.lineItem(line).m()).containsKey(RunsTableLayout.LineFields.HELD);
        TextLine sent = new TextLine(OutcomeStatus.SENT, "EVENT", "리뷰요청", "1051707", "김*수", "5678");
        assertThat(RunItems.lineItem(sent).m()).doesNotContainKey(RunsTableLayout.LineFields.HELD);
    }
}
