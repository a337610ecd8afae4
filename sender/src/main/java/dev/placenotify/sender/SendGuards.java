package dev.placenotify.sender;

import dev.placenotify.model.AlertCause;
import dev.placenotify.model.OutcomeStatus;
import dev.placenotify.model.SmsJob;
import dev.placenotify.sender.budget.BudgetCheck;
import dev.placenotify.sender.optout.OptOutCache;
import dev.placenotify.sender.optout.OptOutScreen;
import dev.placenotify.shell.ReceivedMessage;
import dev.placenotify.shell.SqsBatchRunner;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last checks before jobs go to SENS (docs/sender.md, "Opt-outs" and "Budget guard"): an
 * advertisement to a number on the SENS unsubscribe list is skipped, and every advertisement waits
 * when the list cannot be read; then every text is counted against its run's and store's budget, and
 * one past a cap is held (settled SKIPPED "held: …") with one alert per counter and run.
 */
final class SendGuards {
    private static final Logger LOG = LoggerFactory.getLogger(SendGuards.class);

    private final OptOutCache optOut;
    private final BudgetCheck budget;
    private final Claims claims;
    private final Parallel dynamo;
    private final Clock clock;

    SendGuards(OptOutCache optOut, BudgetCheck budget, Claims claims, Parallel dynamo, Clock clock) {
        this.optOut = optOut;
        this.budget = budget;
        this.claims = claims;
        this.dynamo = dynamo;
        this.clock = clock;
    }

    /** The jobs that may go now; the others are settled, or handed back, and reported here. */
    List<ReceivedMessage<SmsJob>> admit(List<ReceivedMessage<SmsJob>> jobs, Invocation inv) {
        if (jobs.isEmpty()) {
            return jobs;
        }
        Optional<dev.placenotify.sender.optout.OptOutList> list = OptOutScreen.needsList(jobs, ReceivedMessage::body)
                ? optOut.current() : Optional.empty();
        OptOutScreen.Result<ReceivedMessage<SmsJob>> screened = OptOutScreen.screen(jobs, ReceivedMessage::body, list);
        if (!screened.held().isEmpty()) {
            claims.giveBack(screened.held(), m -> inv.batch().giveBack(m, OptOutScreen.UNAVAILABLE_REASON));
        }
        List<Settlement> settled = new ArrayList<>();
        screened.optedOut().forEach(m -> settled.add(new Settlement(m, OutcomeStatus.SKIPPED, null, OptOutScreen.OPTED_OUT_REASON)));
        List<ReceivedMessage<SmsJob>> pass = budgeted(screened.pass(), settled, inv);
        claims.settleAll(settled, inv);
        return pass;
    }

    /** Counts each job against the budget; adds the held ones to {@code settled} and alerts once per counter. */
    private List<ReceivedMessage<SmsJob>> budgeted(List<ReceivedMessage<SmsJob>> jobs, List<Settlement> settled, Invocation inv) {
        List<BudgetCheck.Decision> decisions = dynamo.map(jobs, m -> {
            try {
                return budget.check(m.body(), clock.instant());
            } catch (RuntimeException e) {
                // The count is unknown, so the job is not sent now: back to SQS, nothing was sent.
                return null;
            }
        });
        List<ReceivedMessage<SmsJob>> pass = new ArrayList<>();
        List<ReceivedMessage<SmsJob>> unknown = new ArrayList<>();
        Map<String, BudgetCheck.Decision.Held> firstHeld = new LinkedHashMap<>();
        Map<String, SmsJob> heldJob = new LinkedHashMap<>();
        for (int i = 0; i < jobs.size(); i++) {
            ReceivedMessage<SmsJob> m = jobs.get(i);
            switch (decisions.get(i)) {
                case null -> unknown.add(m);
                case BudgetCheck.Decision.Pass p -> pass.add(m);
                case BudgetCheck.Decision.Held h -> {
                    settled.add(new Settlement(m, OutcomeStatus.SKIPPED, null, h.reason()));
                    firstHeld.merge(h.counterKey(), h, (a, b) -> a.heldSoFar() >= b.heldSoFar() ? a : b);
                    heldJob.putIfAbsent(h.counterKey(), m.body());
                }
            }
        }
        if (!unknown.isEmpty()) {
            claims.giveBack(unknown, m -> inv.batch().giveBack(m, "cannot count the job against the budget; not sent"));
        }
        firstHeld.forEach((key, h) -> alertOnce(key, h, heldJob.get(key), inv));
        return pass;
    }

    private void alertOnce(String counterKey, BudgetCheck.Decision.Held h, SmsJob job, Invocation inv) {
        try {
            if (budget.ledger().firstToAlert(counterKey, clock.instant())) {
                inv.batch().alert(job.runId(), AlertCause.BUDGET_HELD,
                        h.scope() == dev.placenotify.sender.budget.BudgetCaps.Scope.STORE ? job.storeId() : "budget",
                        BudgetCheck.alertText(h, job.runId(), job.storeId()));
            }
        } catch (RuntimeException e) {
            LOG.warn("cannot mark the budget alert of {}: {}; the held texts are recorded and counted", counterKey,
                    SqsBatchRunner.describe(e));
        }
        LOG.warn("{}: {} text(s) held so far", h.reason(), h.heldSoFar());
    }
}
