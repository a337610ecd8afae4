package dev.placenotify.local;

import dev.placenotify.testsupport.sim.SensLookupRoutes.Outcome;
import dev.placenotify.testsupport.sim.SensMessage;
import dev.placenotify.testsupport.sim.TelegramMessage;
import dev.placenotify.model.DeliveryStatus;
import dev.placenotify.model.Messages;
import dev.placenotify.model.PersonalData;
import dev.placenotify.sender.delivery.DeliveryRecord;
import dev.placenotify.sender.delivery.DeliveryRecords;
import dev.placenotify.model.Topology;
import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The local run's delivery results: the SENS simulator reports every text of the first branch as refused by the
 * carrier (code 3018) and the others as delivered, each only on its second lookup (late); the run prints what the
 * delivery checks recorded once every text's result is in, well after the run's summary, and the daily digest.
 */
final class DeliveryDemo {
    private static final String FAILING_STORE = "1051707";
    private final LocalPipeline pipeline;

    private DeliveryDemo(LocalPipeline pipeline) {
        this.pipeline = pipeline;
    }

    static DeliveryDemo prepare(LocalPipeline pipeline, SeedWorkload seed) {
        pipeline.sens.lookups().setOutcome(Outcome.late(1, Outcome.delivered()));
        for (Map<String, Object> booking : seed.atCycle().getOrDefault(FAILING_STORE, List.of())) {
            Object phone = booking.get("phone");
            if (phone != null) {
                pipeline.sens.lookups().setOutcome(phone.toString(), Outcome.late(1, Outcome.failed("3018", "수신 거부 (스팸 차단)")));
            }
        }
        return new DeliveryDemo(pipeline);
    }

    /** Waits for every sent text's final result and prints them; true when all arrived. */
    boolean show(PrintStream out, LocalPipeline.RunStatus status) {
        DeliveryRecords records = new DeliveryRecords(pipeline.aws().dynamo(), pipeline.table(Topology.IDEMPOTENCY));
        List<SensMessage> sent = pipeline.sens.messages();
        long start = System.nanoTime();
        long deadline = start + Duration.ofSeconds(60).toNanos();
        Map<DeliveryStatus, Integer> byStatus = new TreeMap<>();
        List<DeliveryRecord> known = List.of();
        while (System.nanoTime() < deadline) {
            known = sent.stream().map(m -> records.find(m.idempotencyKey())).flatMap(Optional::stream)
                    .filter(DeliveryRecord::deliveryKnown).toList();
            if (known.size() == sent.size()) {
                break;
            }
            sleep();
        }
        known.forEach(r -> byStatus.merge(r.delivery(), 1, Integer::sum));
        out.printf("2b) delivery results, all in %.1f s after the %s: delivered %d · failed %d of %d texts%n",
                (System.nanoTime() - start) / 1e9, status.summarized() ? "summary was posted" : "cycle (no summary!)",
                byStatus.getOrDefault(DeliveryStatus.DELIVERED, 0), byStatus.getOrDefault(DeliveryStatus.FAILED, 0), sent.size());
        known.stream().filter(r -> r.delivery() == DeliveryStatus.FAILED).limit(3).forEach(r -> out.println("   ❌ "
                + r.job().rule() + " " + PersonalData.maskPhone(r.job().recipient()) + " " + r.deliveryCode() + " "
                + r.deliveryReason()));
        out.println("   (the summaries list them under 📬, see below; the 09:00 digest of the day:)");
        int before = pipeline.telegram.messages().size();
        pipeline.deliveryDigest(LocalDate.ofInstant(pipeline.clock().instant(), Messages.KST));
        for (TelegramMessage t : pipeline.telegram.messages().subList(before, pipeline.telegram.messages().size())) {
            out.println(t.text().replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">"));
        }
        out.println("--");
        return known.size() == sent.size();
    }

    /**
     * The delivery lines each summary carried: every summary reports the results that arrived since the one before,
     * so early results can ride along in the 14:00 summary itself and the rest come with the 14:20 one.
     */
    void showInSummaries(PrintStream out) {
        out.println("== Delivery results in the run summaries (each takes what arrived since the one before) ==");
        java.util.regex.Pattern run = java.util.regex.Pattern.compile("실행 (c\\d{8}T\\d{4})");
        for (TelegramMessage m : pipeline.telegram.messages()) {
            String text = m.text().replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">");
            int at = text.indexOf("📬 지난 요약 이후 전달 결과");
            if (at < 0) {
                continue;
            }
            java.util.regex.Matcher id = run.matcher(text);
            String runId = id.find() ? id.group(1) : "?";
            String header = text.substring(at).lines().findFirst().orElse("");
            out.println("   summary of " + runId + ": " + header);
        }
        out.println("--");
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
