package dev.placenotify.local;

import dev.placenotify.testsupport.SimulatedClock;

import dev.placenotify.testsupport.aws.LocalAws;
import dev.placenotify.testsupport.sim.BookingListRequest;
import dev.placenotify.testsupport.sim.SensMessage;
import dev.placenotify.testsupport.sim.TelegramMessage;
import dev.placenotify.model.DateWindow;
import dev.placenotify.model.FetchMode;
import dev.placenotify.model.Messages;
import dev.placenotify.model.PersonalData;
import dev.placenotify.session.NaverSession;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@code ./run-local}: the whole pipeline on this machine. With no arguments it replays the legacy
 * system's first production cycle (8 stores, 2025-10-22 14:00 KST): a SEED backfill a day earlier
 * records the known bookings, then one scheduled cycle runs through all four stages. With
 * {@code simulate --scenario FILE --report FILE} it runs a scripted sequence of cycles instead.
 *
 * <p>After the legacy cycle it shows unattended session renewal: the Naver cookies expire, the next cycle's fetches
 * fail and ask for a renewal, the session-renewal function logs in with a real headless Chromium against the login
 * simulator, and the following cycle fetches every store with the renewed cookies, with no operator.
 */
public final class RunLocal {
    private static final DateTimeFormatter KST_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(Messages.KST);

    private RunLocal() {}

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        int code;
        try {
            if (args.length > 0 && args[0].equals("simulate")) {
                code = ScenarioCommand.run(List.of(args).subList(1, args.length), out);
            } else if (args.length > 0 && (args[0].equals("-h") || args[0].equals("--help"))) {
                out.println("usage: ./run-local [--keep-running]     run the legacy cycle of 8 stores locally;");
                out.println("                                         --keep-running keeps the stack up for ./operator until Ctrl-C");
                out.println("       ./run-local simulate --scenario FILE --report FILE");
                out.println("                                         run scripted cycles and write what happened (docs/planner.md);");
                out.println("                                         exit 0 all ticks completed, 1 a tick did not, 2 bad arguments or scenario");
                code = 0;
            } else if (args.length > 1 || (args.length == 1 && !args[0].equals("--keep-running"))) {
                out.println("unknown arguments " + String.join(" ", args) + " (try --help)");
                code = 2;
            } else {
                code = runLegacyCycle(out, args.length == 1);
            }
        } catch (RuntimeException e) {
            out.println("run-local failed: " + e.getMessage());
            code = 1;
        }
        // Pekko and the HTTP servers keep non-daemon threads: leave explicitly.
        System.exit(code);
    }

    static int runLegacyCycle(PrintStream out, boolean keepRunning) {
        long started = System.nanoTime();
        SeedWorkload seed = SeedWorkload.legacy();
        Instant cycle = seed.cycle();
        Instant dayBefore = cycle.minus(Duration.ofDays(1));
        try (LocalAws aws = LocalAws.start();
             LocalPipeline pipeline = LocalPipeline.start(aws, LocalPipeline.Options.defaults("local").withSessionRenewal()
                     .withDeliveryChecks(),
                     new SimulatedClock(dayBefore))) {
            out.println("place-notify local run: ElasticMQ " + aws.sqsEndpoint() + ", dynalite " + aws.dynamoEndpoint());
            seed.before().forEach(pipeline.naver::setBookings);
            LocalDate from = LocalDate.ofInstant(dayBefore, Messages.KST);
            String seedRun = "seed-" + from;
            Backfill.enqueue(pipeline, seedRun, dayBefore, seed.before().keySet().stream().toList(),
                    new DateWindow(from, from.plusDays(15)), FetchMode.SEED);
            LocalPipeline.RunStatus seeded = pipeline.awaitRun(seedRun, Duration.ofSeconds(40));
            out.println("1) SEED backfill " + seedRun + " at " + KST_TIME.format(dayBefore) + " KST: "
                    + (seeded.summarized() ? "state recorded, no SMS sent (" + pipeline.sens.messages().size() + ")" : "NOT FINISHED"));

            seed.atCycle().forEach(pipeline.naver::setBookings);
            DeliveryDemo delivery = DeliveryDemo.prepare(pipeline, seed);
            int telegramBefore = pipeline.telegram.messages().size();
            long cycleStart = System.nanoTime();
            String runId = pipeline.tick(cycle);
            LocalPipeline.RunStatus status = pipeline.awaitRun(runId, Duration.ofSeconds(40));
            long cycleMillis = (System.nanoTime() - cycleStart) / 1_000_000;
            out.println("2) scheduled cycle " + runId + " at " + KST_TIME.format(cycle) + " KST, "
                    + (status.summarized() ? "summary posted" : "NO SUMMARY") + " after " + cycleMillis + " ms");
            out.println();
            out.println("== SMS received by the SENS simulator (" + pipeline.sens.messages().size() + ") ==");
            Map<String, Integer> byKind = new TreeMap<>();
            for (SensMessage m : pipeline.sens.messages()) {
                String kind = kindOf(m.idempotencyKey());
                byKind.merge(kind, 1, Integer::sum);
                out.printf("  #%-3d %-12s %-3s/%-4s to %s: %s%n", m.sequence(), kind, m.type(), m.contentType(),
                        PersonalData.maskPhone(m.to()), m.content().replace('\n', ' '));
            }
            out.println("  by kind: " + byKind + " (expected CONFIRMATION=" + seed.expectedConfirmations()
                    + ", REMINDER=" + seed.expectedReminders() + ")");
            out.println();
            out.println("== Run summary posted to Telegram ==");
            List<TelegramMessage> posted = pipeline.telegram.messages();
            for (TelegramMessage t : posted.subList(telegramBefore, posted.size())) {
                out.println(t.text().replace("<b>", "").replace("</b>", "").replace("&amp;", "&")
                        .replace("&lt;", "<").replace("&gt;", ">"));
                out.println("--");
            }
            out.println("Slack payloads posted: " + pipeline.slack.payloads().size());
            out.println();
            boolean deliveryOk = delivery.show(out, status);
            boolean legacyOk = status.summarized() && status.complete()
                    && byKind.getOrDefault("CONFIRMATION", 0) == seed.expectedConfirmations()
                    && byKind.getOrDefault("REMINDER", 0) == seed.expectedReminders();
            boolean renewalOk = sessionRenewalDemo(pipeline, out, cycle, seed.atCycle().size());
            delivery.showInSummaries(out);
            out.println();
            out.println("Inspect this stack with the operator CLI while it runs"
                    + (keepRunning ? ":" : " (rerun with --keep-running to keep it up):"));
            out.println("  " + OperatorHint.command(pipeline));
            out.printf("Done in %.1f s.%n", (System.nanoTime() - started) / 1e9);
            boolean ok = legacyOk && renewalOk && deliveryOk;
            if (keepRunning) {
                out.println("Stack kept running; press Ctrl-C to stop it.");
                waitForInterrupt();
            }
            return ok ? 0 : 1;
        }
    }

    /**
     * Expires the cookies in the Naver simulator, runs the next cycle (its fetches fail and ask for a renewal; SQS
     * redelivers them once the renewal function has logged in again), then one more cycle, which fetches every
     * store with the renewed cookies. True when one browser login did it all and both cycles completed.
     */
    static boolean sessionRenewalDemo(LocalPipeline pipeline, PrintStream out, Instant cycle, int stores) {
        String account = LocalPipeline.NAVER_ACCOUNT;
        NaverSession before = pipeline.sessions().find(account).orElseThrow();
        out.println("== Session renewal: the Naver cookies expire mid-run ==");
        pipeline.naver.expireAllSessions();
        // The failed fetches are the point of this part, and it narrates them: their warnings and stack traces
        // (one per store and delivery) would bury the narration.
        Map<String, org.apache.logging.log4j.Level> muted = mute(List.of("dev.placenotify.shell.SqsBatchRunner",
                "dev.placenotify.fetcher.FetchStage"));
        try {
            return renewalCycles(pipeline, out, cycle, stores, account, before);
        } finally {
            muted.forEach(org.apache.logging.log4j.core.config.Configurator::setLevel);
        }
    }

    private static Map<String, org.apache.logging.log4j.Level> mute(List<String> loggers) {
        Map<String, org.apache.logging.log4j.Level> previous = new java.util.LinkedHashMap<>();
        for (String name : loggers) {
            previous.put(name, org.apache.logging.log4j.LogManager.getLogger(name).getLevel());
            org.apache.logging.log4j.core.config.Configurator.setLevel(name, org.apache.logging.log4j.Level.ERROR);
        }
        return previous;
    }

    private static boolean renewalCycles(LocalPipeline pipeline, PrintStream out, Instant cycle, int stores,
                                         String account, NaverSession before) {
        int smsBefore = pipeline.sens.messages().size();
        Instant expiredCycle = cycle.plus(Duration.ofMinutes(20));
        long started = System.nanoTime();
        String expiredRun = pipeline.tick(expiredCycle);
        out.println("3) cycle " + expiredRun + " at " + KST_TIME.format(expiredCycle) + " KST: Naver refuses the cookies"
                + " (version " + before.version() + "); the account page confirms the login is gone");
        Optional<NaverSession> renewed = awaitRenewal(pipeline, account, before.version(), Duration.ofSeconds(120));
        long renewMillis = (System.nanoTime() - started) / 1_000_000;
        if (renewed.isEmpty()) {
            out.println("   the session was NOT renewed within 120 s: " + pipeline.sessions().find(account).orElse(null));
            return false;
        }
        var posts = pipeline.naverLogin.posts();
        out.printf("   the fetches marked the session EXPIRED and asked for a renewal; the session-renewal function logged in"
                + " with headless Chromium (%d login, credentials encoded by the page's script: %s) and stored the new"
                + " cookies as version %d, %d ms after the tick%n", pipeline.naverLogin.logins(),
                posts.stream().allMatch(p -> p.encoded() && p.plainFieldsBlank()), renewed.get().version(), renewMillis);
        LocalPipeline.RunStatus expired = pipeline.awaitRun(expiredRun, Duration.ofSeconds(90));
        out.printf("   SQS delivered the failed fetches again after the queue's visibility timeout (20 s here, 12 min"
                + " deployed): %s after %.1f s%n", expired.summarized() ? "run summarized" : "run NOT summarized",
                (System.nanoTime() - started) / 1e9);

        Instant nextCycle = cycle.plus(Duration.ofMinutes(40));
        long nextStarted = System.nanoTime();
        String nextRun = pipeline.tick(nextCycle);
        LocalPipeline.RunStatus next = pipeline.awaitRun(nextRun, Duration.ofSeconds(60));
        String cookie = renewed.get().nidAut();
        Set<String> withRenewed = pipeline.naver.requests().stream()
                .filter(r -> !r.receivedAt().isBefore(nextCycle) && cookie.equals(r.nidAut()) && r.sessionValid())
                .map(BookingListRequest::businessId).collect(Collectors.toCollection(java.util.TreeSet::new));
        out.printf("4) cycle %s at %s KST: %d of %d stores fetched with the renewed cookies, %s after %d ms; no operator"
                        + " was involved (%d SMS sent in these two cycles)%n", nextRun, KST_TIME.format(nextCycle),
                withRenewed.size(), stores, next.summarized() ? "summary posted" : "NO SUMMARY",
                (System.nanoTime() - nextStarted) / 1_000_000, pipeline.sens.messages().size() - smsBefore);
        if (next.summaryLine() != null) {
            out.println("   " + next.summaryLine());
        }
        return expired.summarized() && next.summarized() && next.complete() && withRenewed.size() == stores
                && pipeline.naverLogin.logins() == 1;
    }

    private static Optional<NaverSession> awaitRenewal(LocalPipeline pipeline, String account, long version, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<NaverSession> s = pipeline.sessions().find(account);
            if (s.isPresent() && s.get().valid() && s.get().version() > version && s.get().renewalLeaseUntil() == null) {
                return s;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static void waitForInterrupt() {
        try {
            new java.util.concurrent.CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The kind is the third part of our idempotency key ({@code store:booking:KIND[:…]}). */
    static String kindOf(String key) {
        if (key == null) {
            return "?";
        }
        String[] parts = key.split(":");
        return parts.length >= 3 ? parts[2] : "?";
    }
}
